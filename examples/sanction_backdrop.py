"""
Print the sanction risks that hang over each dialogue, and India's partners outside the Quad.
"""

import twoplustwo as tpt


def main() -> None:
    data = tpt.load_seed()
    for mechanism in data.mechanisms:
        risks = data.risks_for(mechanism)
        if not risks:
            print(f"{mechanism.id}: no sanction risk on record")
        for risk in risks:
            who = f"{risk.imposed_by} -> {risk.exposed}"
            print(f"{mechanism.id}: {risk.status.value} {who} under {risk.law}")
            print(f"  over: {risk.trigger}; up to: {risk.decided_by}")
    outside = ", ".join(data.partners("IN", outside="quad"))
    print(f"India's 2+2 partners outside the Quad: {outside}")


if __name__ == "__main__":
    main()
