"""Build core/jobs/screening_model.json, the learnt half of screening, from the tune split of the corpus only.

One logistic regression per indicator the words can show, and one for "any risk", over the features of
`core.jobs.screening.model_features`. Thresholds are chosen by leave-one-batch-out cross-validation on the tune
split (a batch: the rows after one comment line that names a round; the rows before the first such line are one
batch), because a batch is one writer's sitting and screening must hold listings from writers it has not seen:
- an indicator is added by the model when its score reaches the lowest threshold that at most k clean tune rows
  reached out of fold, k the largest for which all the used indicators' thresholds together flag at most
  CLEAN_BUDGET of the clean tune rows out of fold, and only where that threshold recalled at least MIN_RECALL of the
  indicator's rows out of fold (below it the model is noise for that indicator), raised if need be above every
  clean tune row's score under the model fitted on the whole split; never for an indicator the numbers can tell
  (NUMBERS: an age, hours, pay held), whose readers decide, as a feature "16" cannot tell an age from years of
  experience;
- the rules' phrase hits are dropped when the "any risk" score is below the VETO_RISKY_SHARE quantile of the risky
  tune rows' out-of-fold scores.
The held split is never read. Needs scikit-learn (requirements.txt); production reads only the JSON.
    .venv/bin/python bench/screening_model.py
"""
import json
import pathlib
import sys

import numpy
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from core.jobs.screening import NUMBERS, REASONS, model_features, normalise  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "screening.tsv"
OUT = ROOT / "core" / "jobs" / "screening_model.json"
# Read from the numbers and the listing's fields, not from words: the rules alone decide them.
NOT_MODELLED = ("scam_pattern", "wage_unrealistic", "wage_missing")
# The clean tune rows the model's indicators may flag between them out of fold: the rules flag some 1.5 % of a blind
# writer's clean listings, the target is at most 3 %. Cross-validation chose C among 0.3, 1 and 3 at k = 1, 3 and 6:
# 3 recalled most out of fold for the same clean rows flagged (bench/README.md, the seventh round).
CLEAN_BUDGET = 0.01
MAX_CLEAN_FLAGGED_CAP = 10
MIN_RECALL = 0.3
VETO_RISKY_SHARE = 0.01
C = 3.0
# Weights smaller than this are dropped (so the data file stays small); the cross-validation scores the pruned model.
KEEP_WEIGHT = 0.05


def tune_rows(path=CORPUS):
    """The tune rows as (text, reasons, batch): the held rows are skipped unread."""
    rows, header, batch = [], None, 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            batch += header is not None and "round" in line
            continue
        values = line.split("\t")
        if header is None:
            header = values
            continue
        row = dict(zip(header, values))
        if row["split"] == "tune":
            rows.append((row["text"], set() if row["reasons"] == "-" else set(row["reasons"].split(",")), batch))
    return rows


def _analyse(text):
    return model_features(normalise(text))


def _fit(texts, labels):
    vectoriser = CountVectorizer(analyzer=_analyse, binary=True, min_df=2)
    matrix = vectoriser.fit_transform(texts)
    models = {}
    for code, wanted in labels.items():
        model = LogisticRegression(C=C, solver="liblinear", class_weight="balanced").fit(matrix, wanted)
        models[code] = (numpy.where(numpy.abs(model.coef_[0]) >= KEEP_WEIGHT, model.coef_[0], 0.0),
                        float(model.intercept_[0]))
    return vectoriser, models


def _probability(matrix, model):
    weights, bias = model
    return 1 / (1 + numpy.exp(-(matrix @ weights + bias)))


def main():
    """Cross-validate, choose the thresholds, fit on the whole tune split and write the JSON."""
    rows = tune_rows()
    texts = [text for text, _reasons, _batch in rows]
    batches = numpy.array([batch for _text, _reasons, batch in rows])
    codes = [code for code in REASONS if code not in NOT_MODELLED]
    labels = {code: numpy.array([code in reasons for _text, reasons, _batch in rows]) for code in codes}
    clean = numpy.array([not reasons for _text, reasons, _batch in rows])
    labels["any"] = ~clean
    out_of_fold = {code: numpy.zeros(len(rows)) for code in labels}
    for batch in sorted(set(batches)):
        held_back = batches == batch
        vectoriser, models = _fit([t for t, keep in zip(texts, ~held_back) if keep],
                                  {code: wanted[~held_back] for code, wanted in labels.items()})
        matrix = vectoriser.transform([t for t, keep in zip(texts, held_back) if keep])
        for code, model in models.items():
            out_of_fold[code][held_back] = _probability(matrix, model)
        print(f"batch {batch}: {held_back.sum()} rows scored out of fold", flush=True)

    def choose(k):
        """Each indicator's threshold and out-of-fold recall at k clean rows, the used ones, and the clean rows they
        flag between them out of fold."""
        chosen, flagged = {}, numpy.zeros(len(rows), dtype=bool)
        for code in codes:
            threshold = float(numpy.sort(out_of_fold[code][clean])[::-1][k]) + 1e-6
            recall = float((out_of_fold[code][labels[code]] >= threshold).mean())
            chosen[code] = (threshold, recall, recall >= MIN_RECALL and code not in NUMBERS)
            if chosen[code][2]:
                flagged |= out_of_fold[code] >= threshold
        return chosen, int(flagged[clean].sum())

    k = max(k for k in range(1, MAX_CLEAN_FLAGGED_CAP + 1) if k == 1 or choose(k)[1] <= CLEAN_BUDGET * clean.sum())
    chosen, flagged = choose(k)
    print(f"at most {k} clean tune rows per indicator: {flagged} of {clean.sum()} flagged between them out of fold")
    thresholds = {}
    for code, (threshold, recall, used) in chosen.items():
        verdict = "used" if used else "not used"
        print(f"{code:<21} threshold {threshold:.3f}  out-of-fold recall {recall:.0%}  {verdict}")
        if used:
            thresholds[code] = round(threshold, 4)
    veto_below = float(numpy.quantile(out_of_fold["any"][~clean], VETO_RISKY_SHARE))
    print(f"veto below {veto_below:.3f}: {(out_of_fold['any'][clean] < veto_below).mean():.0%} of clean tune rows "
          f"score lower out of fold")

    vectoriser, models = _fit(texts, labels)
    matrix = vectoriser.transform(texts)
    for code in thresholds:  # and no clean tune row is flagged by the model fitted on it
        highest_clean = float(_probability(matrix, models[code])[clean].max()) + 0.005  # the weights are rounded
        thresholds[code] = round(max(thresholds[code], highest_clean), 4)
    kept = [*thresholds, "any"]
    weights = {}
    for code in kept:
        for feature, weight in zip(vectoriser.get_feature_names_out(), models[code][0]):
            if weight:
                weights.setdefault(feature, []).append([code, round(float(weight), 4)])
    model = {
        "about": "built by bench/screening_model.py from the tune split of tests/data/screening.tsv",
        "thresholds": thresholds,
        "veto_below": round(veto_below, 4),
        "bias": {code: round(models[code][1], 4) for code in kept},
        "weights": dict(sorted(weights.items())),
    }
    OUT.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(weights)} features")


if __name__ == "__main__":
    main()
