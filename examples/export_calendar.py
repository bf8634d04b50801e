"""
Put every round on record, and the forecast next rounds, in a calendar file.
"""

import sys
import tempfile
from pathlib import Path

import icalendar

import twoplustwo as tpt


def main(folder: Path) -> None:
    data = tpt.load_seed()
    path = folder / "2plus2.ics"
    path.write_bytes(tpt.to_ics(data, include_forecast=True, as_of=data.as_of))
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart").isoformat()
        print(f"{start}  {event['status']:<9}  {event['summary']} @ {event['location']}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as temporary:
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(temporary))
