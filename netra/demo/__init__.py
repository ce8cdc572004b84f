"""Setting up a site: the reference catalogues every site loads (`netra load_reference`) and the
demonstration data (`netra seed_demo`). Kept out of `netra.core`, which may import no domain app."""
