"""Progress and its verification (効果検証, 手引き 7-1 to 7-4, 8-1): actual values recorded every fiscal
year, judged against the expected trajectory by a grading scheme, rolled up per measure, goal,
pillar and national direction, and written as the verification sheet (効果検証シート).

The steps, each usable on its own::

    from checker import load, build_graph
    from checker.progress.attach import progress_for      # inline records + progress/ files
    from checker.progress.assess import assess
    strategy = load("examples/progress/sakuramachi.yaml")
    data = progress_for(strategy)                          # merged, checked against the strategy's ids
    a = assess(build_graph(strategy), data, data.scheme)   # every KPI judged for every year
    a.rows[0].judgements[2024].label.ja                    # e.g. 'やや遅れ'

The rules of the pack's ``progress`` area read the same records (`tebiki check` finds them);
`tebiki progress` writes the sheet (text, JSON, Markdown, CSV, HTML) and the Excel round trip.
"""
