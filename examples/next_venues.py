"""
Print where and when every mechanism of the embedded dataset meets next, or why it can't say.
"""

import twoplustwo as tpt


def main() -> None:
    data = tpt.load_seed()
    for mechanism in data.mechanisms:
        try:
            forecast = tpt.next_round(mechanism, as_of=data.as_of)
        except tpt.NotForecastable as error:
            print(f"{mechanism.id}: {error}")
            continue
        print(
            f"{mechanism.id}: round {forecast.ordinal} in {forecast.where}, "
            f"{forecast.window.describe()} ({forecast.basis.value})"
        )


if __name__ == "__main__":
    main()
