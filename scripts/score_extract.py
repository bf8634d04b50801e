"""
Score ``tpt.extract`` on the evaluation set: real pages, annotated by hand.

The annotations (``benchmarks/extract/gold.json``) hold each page's address, title,
publication day and the rounds it states; the pages' text is not in the repository. Give the
folder that holds it (one ``<id>.txt`` a page) to score:

    python scripts/score_extract.py PAGES [--split dev|heldout|all] [--misses]

It prints, for each split: the share of stated rounds found with the right dialogue and
status (recall), of those the share with the date right (the proposal's date is the
annotated one) and the share with the venue or host right (where the page states either),
and the share of proposals that are wrong (no stated round matches them).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import twoplustwo as tpt

GOLD = Path(__file__).resolve().parent.parent / "benchmarks" / "extract" / "gold.json"


def main(argv: list[str] | None = None) -> int:
    """
    Score the extractor on each split of the evaluation set; print the figures.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path, help="the folder of the pages' text, <id>.txt each")
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    parser.add_argument("--misses", action="store_true", help="list every miss and mistake")
    args = parser.parse_args(argv)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    record = tpt.load_dataset()
    splits = ["dev", "heldout"] if args.split == "all" else [args.split]
    for split in splits:
        pages = [p for p in gold if p["split"] == split]
        tally = Tally()
        for page in pages:
            text = (args.pages / f"{page['id']}.txt").read_text(encoding="utf-8")
            published = page["published"]
            day = None if published is None else tpt.FuzzyDate.parse(published).earliest
            proposals = tpt.extract(text, published=day, dataset=record)
            tally.page(page, proposals, misses=args.misses)
        tally.report(split, len(pages))
    return 0


class Tally:
    """
    The counts of one split.
    """

    def __init__(self) -> None:
        self.stated = self.found = self.dated = self.date_right = 0
        self.placed = self.place_right = self.proposed = self.wrong = 0

    def page(
        self, page: dict[str, Any], proposals: tuple[tpt.Proposal, ...], *, misses: bool
    ) -> None:
        """
        Count one page: match each stated round to a proposal of its parties and status.
        """
        left = list(proposals)
        self.proposed += len(proposals)
        for stated in page["rounds"]:
            self.stated += 1
            parties = tuple(sorted(stated["parties"]))
            match = next(
                (p for p in left if p.parties == parties and p.status.value == stated["status"]),
                None,
            )
            if match is None:
                if misses:
                    print(f"  miss {page['id']}: {parties} {stated['status']} {stated['date']}")
                continue
            left.remove(match)
            self.found += 1
            self.dated += 1
            wanted = stated["date"]
            got = None if match.date is None else str(match.date)
            self.date_right += got == wanted
            if misses and got != wanted:
                print(f"  date {page['id']}: {got} for {wanted} ({stated.get('date_phrase')})")
            if stated["venue"] is not None or stated["host"] is not None:
                self.placed += 1
                venue = None if match.venue is None else match.venue.name
                right = (stated["venue"] is not None and venue == stated["venue"]) or (
                    stated["venue"] is None and match.host == stated["host"]
                )
                self.place_right += right
                if misses and not right:
                    wanted = f"{stated['venue']}/{stated['host']}"
                    print(f"  place {page['id']}: {venue}/{match.host} for {wanted}")
        self.wrong += len(left)
        if misses:
            for proposal in left:
                print(f"  wrong {page['id']}: {proposal.describe()}")

    def report(self, split: str, pages: int) -> None:
        """
        Print the figures of the split.
        """

        def share(part: int, whole: int) -> str:
            return f"{part / whole:.0%} ({part}/{whole})" if whole else "-"

        print(f"{split}: {pages} pages, {self.stated} rounds stated, {self.proposed} proposed")
        print(f"  found, right dialogue and status: {share(self.found, self.stated)}")
        print(f"  of those, date right:             {share(self.date_right, self.dated)}")
        print(f"  of those, venue or host right:    {share(self.place_right, self.placed)}")
        print(f"  proposals wrong:                  {share(self.wrong, self.proposed)}")


if __name__ == "__main__":
    sys.exit(main())
