"""
Record that India-US round 4 was held, and watch the forecast move on to round 5.
"""

import attrs
import pendulum

import twoplustwo as tpt


def main() -> None:
    data = tpt.load_seed()
    us = data.mechanism("in-us")
    before = tpt.next_round(us, as_of=data.as_of)
    print(f"before: round {before.ordinal} in {before.where}, {before.window.describe()}")

    fourth = attrs.evolve(us.rounds[-1], status=tpt.RoundStatus.HELD)
    after_us = attrs.evolve(us, rounds=(*us.rounds[:-1], fourth))
    as_of = pendulum.Date(2022, 2, 1)
    after = tpt.next_round(after_us, as_of=as_of)
    print(f"after:  round {after.ordinal} in {after.where}, {after.window.describe()}")
    print("because:", after.reasons[-3])

    # The edited mechanism round-trips through JSON like any model object.
    text = tpt.dumps(after_us)
    print("round trip:", tpt.loads(text, tpt.Mechanism) == after_us)


if __name__ == "__main__":
    main()
