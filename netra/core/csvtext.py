"""CSV as people export it: Indonesian Excel writes semicolons, meeting platforms tabs or commas."""

import csv
import io


def sniffed_reader(text: str):
    """A csv.reader over `text` with the delimiter guessed from the first 4 KB (comma if unsure)."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect)
