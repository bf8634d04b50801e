"""
Read a short news item, print the round it proposes, and merge it into a copy of the record.
"""

import pendulum

import twoplustwo as tpt

ARTICLE = """\
<html><body><nav>Home | World | Asia</nav><article>
<h1>Japan and the Philippines set date for third 2+2</h1>
<p>TOKYO: Japan and the Philippines will hold their third 2+2 meeting of foreign and defence
ministers in Manila on 12 March, the foreign ministry said on Monday.</p>
<p>The meeting had been expected in February.</p>
</article><footer>Copyright</footer></body></html>
"""


def main() -> None:
    published = pendulum.Date(2027, 1, 11)
    record = tpt.load_dataset()
    (proposal,) = tpt.extract(tpt.html_text(ARTICLE), published=published, dataset=record)
    print("proposed:", proposal.describe())
    print("evidence:", proposal.evidence[0])
    source = tpt.Source(
        "Japan and the Philippines set date for third 2+2",
        published=tpt.FuzzyDate(published, published),
        url="https://example.org/jp-ph-third-2plus2",
    )
    edit = tpt.edit_round(
        record,
        "jp-ph",
        proposal.ordinal,
        status=proposal.status,
        date=proposal.date,
        venue=proposal.venue,
        host=proposal.host,
        sources=(source,),
        today=published,
    )
    print("merged:", edit.summary)


if __name__ == "__main__":
    main()
