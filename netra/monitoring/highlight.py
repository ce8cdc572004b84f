"""Split a post into plain and highlighted segments from the screener's evidence offsets."""


def segments(text: str, evidence: list[dict]) -> list[dict]:
    spans = sorted((e for e in evidence if 0 <= e["start"] < e["end"] <= len(text)), key=lambda e: e["start"])
    out, cursor = [], 0
    for span in spans:
        if span["start"] < cursor:  # overlapping cues: the first one wins
            continue
        if span["start"] > cursor:
            out.append({"text": text[cursor:span["start"]], "mark": False})
        out.append({"text": text[span["start"]:span["end"]], "mark": True, "cue": span.get("cue", ""),
                    "kind": span.get("kind", "")})
        cursor = span["end"]
    if cursor < len(text):
        out.append({"text": text[cursor:], "mark": False})
    return out
