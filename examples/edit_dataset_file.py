"""
Save the dataset to a file, edit the file as JSON, and load it back, checked.
"""

import json
import sys
import tempfile
from pathlib import Path

import twoplustwo as tpt


def main(folder: Path) -> None:
    path = folder / "data.json"
    path.write_text(tpt.dumps(tpt.load_seed(), indent=2) + "\n", encoding="utf-8")

    # A made-up first India-Japan round, for the example, entered with a typo in its date.
    document = json.loads(path.read_text(encoding="utf-8"))
    document["mechanisms"][1]["rounds"].append(
        {"ordinal": 1, "status": "held", "date": "2019-11-31", "venue": None}
    )
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    try:
        tpt.loads(path.read_bytes(), tpt.Dataset)
    except tpt.DecodeError as error:
        print("refused:", *error.problems, sep="\n  ")

    # Fixed, the file loads, and the mechanism can now be forecast.
    document["mechanisms"][1]["rounds"][0]["date"] = "2019-11-30"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    data = tpt.loads(path.read_bytes(), tpt.Dataset)
    forecast = tpt.next_round(data.mechanism("in-jp"), as_of=data.as_of)
    print(f"in-jp: round {forecast.ordinal} in {forecast.where}, {forecast.window.describe()}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as temporary:
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(temporary))
