"""The QA workstation: audit queue with blind re-review, sampling plans, evaluations."""
