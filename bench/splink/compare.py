#!/usr/bin/env python3
"""Benchmark Splink (DuckDB backend) on the same synthetic data and caller
lookups that the Safeguard matcher was measured on.

Run from the repository root:

    /tmp/splink-venv/bin/python bench/splink/compare.py \
        --db /tmp/force1m/bench.sqlite --lookups /tmp/lookups5000.csv

Steps:
  1. Export the ~1M person records from the SQLite database (opened read-only):
     unique_id, first_name, surname, dob, phone (first current phone), postcode
     (current address), plus arrays of every recorded first name / surname
     (primary + previous + nickname), every current phone and every postcode
     (current + earlier addresses).
  2. For each Splink configuration: train a dedupe model on the records alone
     (deterministic-rule prior, u by random sampling, m by EM) -- the ground truth
     is never given to Splink.
  3. Score the 7,000 caller lookups against the 1M records with
     linker.inference.predict_between() (Splink 5's replacement for
     find_matches_to_new_records), using generous blocking rules, and rank the
     candidates of each lookup by match_probability.
  4. Score against synthetic_truth: accuracy@1 on the 5,000 known callers,
     false-match rate on the 2,000 never-seen callers at several thresholds, and
     the same figures for our own matcher's answers stored in the lookups CSV.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sqlite3
import sys
import time

import duckdb
import pandas as pd
import pyarrow as pa

import splink
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.internals.column_expression import ColumnExpression

THRESHOLDS = [0.5, 0.9, 0.95, 0.99]
LOOKUP_PREFIX = "lookup_"

SECTOR_RE = "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? [0-9]"
DISTRICT_RE = "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?"
AREA_RE = "^[A-Za-z]{1,2}"


# ----------------------------------------------------------------------------
# Normalisation (applied identically to records and lookups)
# ----------------------------------------------------------------------------
def norm_name(s: pd.Series) -> pd.Series:
    s = s.fillna("").astype(str).str.lower().str.replace(r"[^a-z]", "", regex=True)
    return s.where(s != "", None)


def norm_phone(s: pd.Series) -> pd.Series:
    s = s.fillna("").astype(str).str.replace(r"[^0-9+]", "", regex=True)
    s = s.str.replace(r"^\+44", "0", regex=True).str.replace(r"^0044", "0", regex=True)
    return s.where(s != "", None)


def norm_postcode(s: pd.Series) -> pd.Series:
    s = s.fillna("").astype(str).str.upper().str.replace(r"[^A-Z0-9]", "", regex=True)
    # re-insert the single space before the inward code (last three characters)
    s = s.where(s.str.len() < 5, s.str[:-3] + " " + s.str[-3:])
    return s.where(s != "", None)


def norm_dob(s: pd.Series) -> pd.Series:
    s = s.fillna("").astype(str).str.strip()
    return s.where(s != "", None)


def _as_list_or_none(v):
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return None
    v = [x for x in v if x is not None]
    return sorted(set(v)) if v else None


# ----------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------
def load_records(db_path: str, cache_dir: str | None) -> pd.DataFrame:
    cache = os.path.join(cache_dir, "records.parquet") if cache_dir else None
    if cache and os.path.exists(cache):
        stat = os.stat(db_path)
        meta_path = cache + ".meta.json"
        if os.path.exists(meta_path):
            meta = json.load(open(meta_path))
            if meta.get("db") == os.path.abspath(db_path) and meta.get("mtime") == stat.st_mtime:
                print(f"[data] using cached export {cache}", flush=True)
                return pd.read_parquet(cache)

    t0 = time.time()
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    people = pd.read_sql("SELECT id, first_name, surname, date_of_birth FROM people", con)
    names = pd.read_sql(
        "SELECT person_id, kind, first_name, surname FROM person_names WHERE removed_at IS NULL",
        con,
    )
    phones = pd.read_sql(
        "SELECT person_id, number, added_at, id FROM person_phones WHERE removed_at IS NULL",
        con,
    )
    addrs = pd.read_sql(
        "SELECT pa.person_id, pa.to_date, pa.position, a.postcode "
        "FROM person_addresses pa JOIN addresses a ON a.id = pa.address_id",
        con,
    )
    con.close()

    df = pd.DataFrame(
        {
            "unique_id": people["id"],
            "first_name": norm_name(people["first_name"]),
            "surname": norm_name(people["surname"]),
            "dob": norm_dob(people["date_of_birth"]),
        }
    )

    # first current phone (earliest added), and all current phones
    phones["number"] = norm_phone(phones["number"])
    phones = phones.dropna(subset=["number"]).sort_values(["person_id", "added_at", "id"])
    first_phone = phones.drop_duplicates("person_id").set_index("person_id")["number"]
    all_phones = phones.groupby("person_id")["number"].agg(list)
    df["phone"] = df["unique_id"].map(first_phone)
    df["phones"] = df["unique_id"].map(all_phones).map(_as_list_or_none)

    # current address postcode (to_date IS NULL; latest position if several), all postcodes
    addrs["postcode"] = norm_postcode(addrs["postcode"])
    cur = addrs[addrs["to_date"].isna()].sort_values(["person_id", "position"])
    cur_pc = cur.drop_duplicates("person_id", keep="last").set_index("person_id")["postcode"]
    all_pc = addrs.dropna(subset=["postcode"]).groupby("person_id")["postcode"].agg(list)
    df["postcode"] = df["unique_id"].map(cur_pc)
    df["postcodes"] = df["unique_id"].map(all_pc).map(_as_list_or_none)

    # every recorded first name / surname (primary, previous, nickname, ...)
    names["fn"] = norm_name(names["first_name"])
    names["sn"] = norm_name(names["surname"])
    all_fn = names.dropna(subset=["fn"]).groupby("person_id")["fn"].agg(list)
    all_sn = names.dropna(subset=["sn"]).groupby("person_id")["sn"].agg(list)
    df["first_names"] = df["unique_id"].map(all_fn)
    df["surnames"] = df["unique_id"].map(all_sn)
    # make sure the primary name is always in the array
    df["first_names"] = [
        _as_list_or_none((a if isinstance(a, list) else []) + ([p] if p else []))
        for a, p in zip(df["first_names"], df["first_name"])
    ]
    df["surnames"] = [
        _as_list_or_none((a if isinstance(a, list) else []) + ([p] if p else []))
        for a, p in zip(df["surnames"], df["surname"])
    ]
    print(f"[data] exported {len(df):,} records in {time.time() - t0:.1f}s", flush=True)
    if cache:
        os.makedirs(cache_dir, exist_ok=True)
        df.to_parquet(cache)
        st = os.stat(db_path)
        json.dump({"db": os.path.abspath(db_path), "mtime": st.st_mtime}, open(cache + ".meta.json", "w"))
    return df


def load_lookups(path: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    raw["lookup_id"] = [f"{LOOKUP_PREFIX}{i:05d}" for i in range(len(raw))]
    lk = pd.DataFrame(
        {
            "unique_id": raw["lookup_id"],
            "first_name": norm_name(raw["first_name"]),
            "surname": norm_name(raw["surname"]),
            "dob": norm_dob(raw["date_of_birth"]),
            "phone": norm_phone(raw["phone"]),
            "postcode": norm_postcode(raw["postcode"]),
        }
    )
    lk["phones"] = [[p] if p else None for p in lk["phone"]]
    lk["postcodes"] = [[p] if p else None for p in lk["postcode"]]
    lk["first_names"] = [[p] if p else None for p in lk["first_name"]]
    lk["surnames"] = [[p] if p else None for p in lk["surname"]]
    return raw, lk


def load_truth(db_path: str) -> dict[str, str]:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = con.execute("SELECT record_id, identity_id FROM synthetic_truth").fetchall()
    con.close()
    return dict(rows)


SCHEMA = pa.schema(
    [
        ("unique_id", pa.string()),
        ("first_name", pa.string()),
        ("surname", pa.string()),
        ("dob", pa.string()),
        ("phone", pa.string()),
        ("postcode", pa.string()),
        ("phones", pa.list_(pa.string())),
        ("postcodes", pa.list_(pa.string())),
        ("first_names", pa.list_(pa.string())),
        ("surnames", pa.list_(pa.string())),
    ]
)


def to_arrow(df: pd.DataFrame) -> pa.Table:
    """Explicitly typed table (a 1-row frame with all-NULL columns would otherwise
    be typed as numbers by DuckDB)."""
    return pa.Table.from_pandas(df[SCHEMA.names], schema=SCHEMA, preserve_index=False)


# ----------------------------------------------------------------------------
# Splink configurations
# ----------------------------------------------------------------------------
def dob_comparison():
    # Splink's out-of-the-box DOB comparison: exact, levenshtein<=1 on the string,
    # within 1 month, within 1 year, within 10 years, else.
    return cl.DateOfBirthComparison("dob", input_is_string=True, datetime_format="%Y-%m-%d")


def name_with_alternatives(col: str, arr: str, tf: bool, label: str):
    """Null / exact (tf) / JW>=0.92 / equal to any recorded alternative name /
    JW>=0.88 / JW>=0.7 / else."""
    exact = cll.ExactMatchLevel(col)
    if tf:
        exact = exact.configure(tf_adjustment_column=col)
    return cl.CustomComparison(
        output_column_name=col,
        comparison_description=f"{col} with recorded {label}",
        comparison_levels=[
            cll.NullLevel(col),
            exact,
            cll.JaroWinklerLevel(col, 0.92),
            cll.CustomLevel(
                f"list_contains({arr}_r, {col}_l) OR list_contains({arr}_l, {col}_r)",
                label_for_charts=f"{col} equals a recorded {label}",
            ),
            cll.JaroWinklerLevel(col, 0.88),
            cll.JaroWinklerLevel(col, 0.7),
            cll.ElseLevel(),
        ],
    )


def postcode_with_history():
    pc = ColumnExpression("postcode")
    return cl.CustomComparison(
        output_column_name="postcode",
        comparison_description="postcode incl. earlier addresses",
        comparison_levels=[
            cll.NullLevel("postcode"),
            cll.ExactMatchLevel("postcode"),
            cll.CustomLevel(
                "list_contains(postcodes_r, postcode_l) OR list_contains(postcodes_l, postcode_r)",
                label_for_charts="postcode equals an earlier postcode",
            ),
            cll.ExactMatchLevel(pc.regex_extract(SECTOR_RE)).configure(label_for_charts="sector"),
            cll.ExactMatchLevel(pc.regex_extract(DISTRICT_RE)).configure(label_for_charts="district"),
            cll.ExactMatchLevel(pc.regex_extract(AREA_RE)).configure(label_for_charts="area"),
            cll.ElseLevel(),
        ],
    )


def phone_comparison(col: str, u_exact: float, array: bool):
    """Exact phone match (or any shared phone for the array column).

    Random sampling cannot estimate u for this level: two random records share a
    phone with probability ~4e-8, so 1e7 sampled pairs see no such pair and Splink
    would silently fall back to a default u (match weight ~ +10 instead of ~ +24).
    We therefore compute u directly from the data (all record pairs, no truth
    involved) and fix it, which is what random sampling would converge to.
    """
    if array:
        match = cll.ArrayIntersectLevel(col, min_intersection=1)
    else:
        match = cll.ExactMatchLevel(col)
    return cl.CustomComparison(
        output_column_name=col,
        comparison_description=f"{col} exact match (u computed from the data)",
        comparison_levels=[
            cll.NullLevel(col),
            match.configure(u_probability=u_exact, fix_u_probability=True),
            cll.ElseLevel().configure(u_probability=1 - u_exact, fix_u_probability=True),
        ],
    )


def exact_phone_u(records: pd.DataFrame) -> dict[str, float]:
    """P(two random records -- both with a phone -- share a phone)."""
    con = duckdb.connect()
    con.register("r", records[["unique_id", "phone", "phones"]])
    first = con.execute(
        """
        with f as (select phone, count(*) n from r where phone is not null group by 1)
        select sum(n * (n - 1) / 2)::double, (select count(*) from r where phone is not null)
        from f"""
    ).fetchone()
    allp = con.execute(
        """
        with e as (select unique_id, unnest(phones) p from r where phones is not null),
        pairs as (select distinct a.unique_id, b.unique_id from e a join e b
                  on a.p = b.p and a.unique_id < b.unique_id)
        select (select count(*) from pairs)::double,
               (select count(*) from r where phones is not null)"""
    ).fetchone()
    con.close()
    u_first = first[0] / (first[1] * (first[1] - 1) / 2)
    u_all = allp[0] / (allp[1] * (allp[1] - 1) / 2)
    return {"phone": u_first, "phones": u_all}


def comparisons_for(config: str, phone_u: dict[str, float]):
    if config == "A_tf":
        # The Splink tutorial default: NameComparison applies term-frequency
        # adjustments on the exact-match level.
        return [
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            dob_comparison(),
            phone_comparison("phone", phone_u["phone"], array=False),
            cl.PostcodeComparison("postcode"),
        ]
    if config == "B_notf":
        # Same levels, but no term-frequency adjustments.
        return [
            cl.JaroWinklerAtThresholds("first_name", [0.92, 0.88, 0.7]),
            cl.JaroWinklerAtThresholds("surname", [0.92, 0.88, 0.7]),
            dob_comparison(),
            phone_comparison("phone", phone_u["phone"], array=False),
            cl.PostcodeComparison("postcode"),
        ]
    if config == "C_tf_history":
        # A_tf plus: recorded previous surnames / nicknames, every current phone,
        # earlier-address postcodes.
        return [
            name_with_alternatives("first_name", "first_names", True, "first name (nickname)"),
            name_with_alternatives("surname", "surnames", True, "surname (previous)"),
            dob_comparison(),
            phone_comparison("phones", phone_u["phones"], array=True),
            postcode_with_history(),
        ]
    raise ValueError(config)


def tf_columns_for(config: str) -> list[str]:
    return [] if config == "B_notf" else ["first_name", "surname"]


# Blocking rules used to find candidates for the caller lookups.  Identical for
# every configuration, so the configurations differ only in how they score.
def lookup_blocking_rules():
    return [
        block_on("phones", arrays_to_explode=["phones"]),  # any current phone
        block_on("dob"),
        block_on("postcode"),
        block_on("surnames", "substr(first_name, 1, 1)", arrays_to_explode=["surnames"]),
        block_on("first_name", "substr(dob, 1, 4)"),  # first name + year of birth
        block_on("surnames", "substr(dob, 1, 4)", arrays_to_explode=["surnames"]),
        block_on("first_name", "substr(dob, 6, 5)"),  # first name + day/month
    ]


def em_rules(variant: str):
    if variant == "broadEM":
        # The tutorial pattern: block on full name (estimates dob/phone/postcode),
        # then on dob (estimates the names).  On this data these give 9.5M and 18M
        # pairs of which only ~0.1% are duplicates.
        return [block_on("first_name", "surname"), block_on("dob")]
    if variant == "tightEM":
        # Tighter rules so that duplicates are a larger share of the training pairs
        # (the EM docstring asks for roughly 1%-99%): 66k-80k pairs each here.
        # Every comparison is estimated by at least one session.
        return [
            block_on("first_name", "surname", "postcode"),  # -> dob, phone
            block_on("surname", "dob"),  # -> first_name, phone, postcode
            block_on("first_name", "dob"),  # -> surname, phone, postcode
        ]
    raise ValueError(variant)


def train(linker: Linker, args, em_variant: str) -> dict[str, float]:
    t = {}
    t0 = time.time()
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"), block_on("surname", "dob", "postcode")],
        recall=0.7,
    )
    t["prior"] = time.time() - t0
    t0 = time.time()
    linker.training.estimate_u_using_random_sampling(max_pairs=args.u_max_pairs, seed=42)
    t["u"] = time.time() - t0
    t0 = time.time()
    em_kwargs = {}
    if args.em_max_pairs:
        em_kwargs["max_pairs"] = args.em_max_pairs
    for rule in em_rules(em_variant):
        linker.training.estimate_parameters_using_expectation_maximisation(rule, **em_kwargs)
    t["em"] = time.time() - t0
    return t


# ----------------------------------------------------------------------------
# Evaluation
# ----------------------------------------------------------------------------
def candidates_frame(preds_rel) -> pd.DataFrame:
    df = preds_rel.project(
        "unique_id_l, unique_id_r, match_probability, match_weight"
    ).df()
    l_is_lookup = df["unique_id_l"].str.startswith(LOOKUP_PREFIX)
    out = pd.DataFrame(
        {
            "lookup_id": df["unique_id_l"].where(l_is_lookup, df["unique_id_r"]),
            "record_id": df["unique_id_r"].where(l_is_lookup, df["unique_id_l"]),
            "p": df["match_probability"],
            "w": df["match_weight"],
        }
    )
    # guard: no lookup-lookup or record-record pairs should exist
    assert out["lookup_id"].str.startswith(LOOKUP_PREFIX).all()
    assert not out["record_id"].str.startswith(LOOKUP_PREFIX).any()
    return out


def reprior(w: pd.Series, lam_from: float, lam_to: float) -> pd.Series:
    """Match probability after swapping the prior (probability_two_random_records_match)."""
    logit = lambda x: math.log2(x / (1 - x))
    w2 = w - logit(lam_from) + logit(lam_to)
    return 1.0 / (1.0 + 2.0 ** (-w2))


def evaluate(raw: pd.DataFrame, cands: pd.DataFrame, truth: dict[str, str],
             lam_model: float, lam_lookup: float, fmr_target: float | None = None) -> dict:
    cands = cands.copy()
    cands["identity"] = cands["record_id"].map(truth)
    # rank by match weight (monotone in probability, but no saturation at 1.0),
    # deterministic tie-break on record id
    cands = cands.sort_values(["lookup_id", "w", "record_id"], ascending=[True, False, True])
    top = cands.drop_duplicates("lookup_id").set_index("lookup_id")
    lk = raw.set_index("lookup_id")
    known = lk[lk["kind"] == "known"]
    stranger = lk[lk["kind"] == "stranger"]

    top_k = top.reindex(known.index)
    correct = (top_k["identity"] == known["identity_id"]).fillna(False)
    no_cand = top_k["record_id"].isna()

    # reachability: was any record of the true identity among the candidates?
    cands_k = cands[cands["lookup_id"].isin(known.index)]
    true_mask = cands_k["identity"].values == known["identity_id"].reindex(cands_k["lookup_id"]).values
    true_c = cands_k[true_mask]
    best_true_w = true_c.groupby("lookup_id")["w"].max()
    reachable = known.index.isin(best_true_w.index)
    # misses where the true record's weight ties the top weight exactly
    tie_miss = (~correct) & (best_true_w.reindex(known.index) == top_k["w"]).fillna(False)

    # expected accuracy@1 if exact ties at the top were broken at random
    cands_k2 = cands_k.assign(is_true=true_mask)
    at_top = cands_k2[cands_k2["w"].values == top_k["w"].reindex(cands_k2["lookup_id"]).values]
    fair = at_top.groupby("lookup_id")["is_true"].mean().reindex(known.index).fillna(0.0)

    # same figures with the prior re-set for lookups (1 / number of records)
    top["p_lookup_prior"] = reprior(top["w"], lam_model, lam_lookup)
    top_k = top.reindex(known.index)
    top_s = stranger.join(top[["p", "p_lookup_prior"]], how="left")
    res = {
        "known": int(len(known)),
        "strangers": int(len(stranger)),
        "accuracy_at_1": float(correct.mean()),
        "accuracy_at_1_random_tiebreak": float(fair.mean()),
        "prior_model": lam_model,
        "prior_lookup": lam_lookup,
        "known_no_candidate": int(no_cand.sum()),
        "known_true_record_reachable": float(reachable.mean()),
        "misses": int((~correct).sum()),
        "misses_tied_with_true": int(tie_miss.sum()),
        "misses_true_unreachable": int(((~correct) & ~reachable).sum()),
        "candidates_per_lookup_mean": float(cands.groupby("lookup_id").size().reindex(lk.index).fillna(0).mean()),
        "thresholds": {},
    }
    for thr in THRESHOLDS:
        res["thresholds"][str(thr)] = {
            "accuracy_at_1_gated": float((correct & (top_k["p"] >= thr).fillna(False)).mean()),
            "false_match_rate": float((top_s["p"] >= thr).fillna(False).mean()),
            "accuracy_at_1_gated_lookup_prior": float(
                (correct & (top_k["p_lookup_prior"] >= thr).fillna(False)).mean()),
            "false_match_rate_lookup_prior": float(
                (top_s["p_lookup_prior"] >= thr).fillna(False).mean()),
        }
    # operating point with the same never-seen false-match rate as our matcher
    # (ranking is by match weight, so this does not depend on the prior)
    if fmr_target is not None:
        allowed = int(math.floor(fmr_target * len(stranger) + 1e-9))
        s_w = top_s.join(top[["w"]])["w"].dropna().sort_values(ascending=False).values
        thr_w = s_w[allowed] if allowed < len(s_w) else -math.inf
        res["at_matched_fmr"] = {
            "target_fmr": fmr_target,
            "match_weight_threshold": float(thr_w),
            "false_match_rate": float((top_s.join(top[["w"]])["w"] > thr_w).mean()),
            "accuracy_at_1_gated": float((correct & (top_k["w"] > thr_w).fillna(False)).mean()),
        }
    # per-lookup detail (for inspection)
    res["_detail"] = pd.DataFrame(
        {
            "top_record_id": top_k["record_id"],
            "top_p": top_k["p"],
            "top_p_lookup_prior": top_k["p_lookup_prior"],
            "top_w": top_k["w"],
            "correct": correct,
            "reachable": reachable,
        }
    )
    return res


def evaluate_ours(raw: pd.DataFrame, truth: dict[str, str]) -> dict:
    known = raw[raw["kind"] == "known"]
    stranger = raw[raw["kind"] == "stranger"]
    kp = pd.to_numeric(known["top_probability"], errors="coerce")
    sp = pd.to_numeric(stranger["top_probability"], errors="coerce")
    correct = known["top_record_id"].map(truth) == known["identity_id"]
    res = {
        "accuracy_at_1": float(correct.mean()),
        "accuracy_at_1_proposed": float((correct & (known["top_proposed"] == "1")).mean()),
        "false_match_rate_proposed": float((stranger["top_proposed"] == "1").mean()),
        "false_match_rate_show_0.03": float((sp >= 0.03).fillna(False).mean()),
        "thresholds": {},
    }
    for thr in THRESHOLDS:
        res["thresholds"][str(thr)] = {
            "accuracy_at_1_gated": float((correct & (kp >= thr).fillna(False)).mean()),
            "false_match_rate": float((sp >= thr).fillna(False).mean()),
        }
    return res


# ----------------------------------------------------------------------------
def run_config(name: str, records: pd.DataFrame, lookups: pd.DataFrame, raw, truth, args) -> dict:
    """name = <comparisons>[+<EM variant>], e.g. "A_tf+tightEM"."""
    config, _, em_variant = name.partition("+")
    em_variant = em_variant or "broadEM"
    config_label = f"{config}+{em_variant}"
    print(f"\n=== configuration {config_label} ===", flush=True)
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads TO {args.threads}")
    db_api = DuckDBAPI(connection=con)
    rec_sdf = db_api.register(to_arrow(records), table_name="records")

    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons_for(config, args.phone_u),
        blocking_rules_to_generate_predictions=lookup_blocking_rules(),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker(rec_sdf, settings, log_level=args.log_level)

    t0 = time.time()
    timings = train(linker, args, em_variant)
    for col in tf_columns_for(config):
        linker.table_management.compute_tf_table(col)
    timings["train_total"] = time.time() - t0
    print(f"[{config_label}] training took {timings['train_total']:.1f}s {timings}", flush=True)
    model = linker.misc.save_model_to_json(
        os.path.join(args.out_dir, f"model_{config_label}.json"), overwrite=True)
    lam_model = model["probability_two_random_records_match"]

    lk_sdf = db_api.register(to_arrow(lookups), table_name="lookups")
    t0 = time.time()
    preds = linker.inference.predict_between(
        lk_sdf, rec_sdf, blocking_rules_to_generate_predictions=lookup_blocking_rules(),
        warning_mode="never",
    )
    cands = candidates_frame(preds.as_duckdbpyrelation())
    timings["score_batch_7000"] = time.time() - t0
    print(f"[{config_label}] batch scoring of {len(lookups)} lookups: {timings['score_batch_7000']:.1f}s, "
          f"{len(cands):,} candidate pairs", flush=True)
    preds.drop_table_from_database_and_remove_from_cache()

    res = evaluate(raw, cands, truth, lam_model, 1.0 / len(records),
                   fmr_target=args.ours["false_match_rate_proposed"])
    res["config"] = config_label
    res["candidate_pairs"] = int(len(cands))

    if args.single:
        times = []
        sample = lookups.sample(n=args.single, random_state=7)
        for i, (_, row) in enumerate(sample.iterrows()):
            one = pd.DataFrame([row.to_dict()])
            t1 = time.time()
            sdf = db_api.register(to_arrow(one), table_name=f"one_{i}")
            p = linker.inference.predict_between(
                sdf, rec_sdf, blocking_rules_to_generate_predictions=lookup_blocking_rules(),
                warning_mode="never",
            )
            _ = p.as_duckdbpyrelation().project("unique_id_r, match_probability").df()
            times.append(time.time() - t1)
            p.drop_table_from_database_and_remove_from_cache()
        timings["single_lookup_mean"] = sum(times) / len(times)
        timings["single_lookup_median"] = sorted(times)[len(times) // 2]
        print(f"[{config_label}] one-at-a-time: mean {timings['single_lookup_mean']*1000:.0f} ms "
              f"over {len(times)} lookups", flush=True)
    res["timings"] = timings
    con.close()
    return res


def fmt_pct(x):
    return f"{100 * x:.2f}%"


def print_report(results: list[dict], ours: dict):
    print("\n" + "=" * 78)
    print("Same 7,000 lookups: 5,000 known callers, 2,000 never-seen callers")
    hdr = f"{'':34s}" + "".join(f"{r['config']:>21s}" for r in results) + f"{'Safeguard':>21s}"
    print(hdr)
    def row(label, vals):
        print(f"{label:34s}" + "".join(f"{v:>21s}" for v in vals))
    row("accuracy@1 (known)", [fmt_pct(r["accuracy_at_1"]) for r in results] + [fmt_pct(ours["accuracy_at_1"])])
    row("acc@1, random tie-break (exp.)", [fmt_pct(r["accuracy_at_1_random_tiebreak"]) for r in results] + ["-"])
    row("true record among candidates", [fmt_pct(r["known_true_record_reachable"]) for r in results] + ["-"])
    row("misses", [str(r["misses"]) for r in results] + [str(round(5000 * (1 - ours["accuracy_at_1"])))])
    row("  of which exact ties w/ true", [str(r["misses_tied_with_true"]) for r in results] + ["-"])
    row("  of which true not candidate", [str(r["misses_true_unreachable"]) for r in results] + ["-"])
    for thr in THRESHOLDS:
        k = str(thr)
        row(f"acc@1 with top p>={thr}", [fmt_pct(r["thresholds"][k]["accuracy_at_1_gated"]) for r in results]
            + [fmt_pct(ours["thresholds"][k]["accuracy_at_1_gated"])])
        row(f"false-match rate p>={thr}", [fmt_pct(r["thresholds"][k]["false_match_rate"]) for r in results]
            + [fmt_pct(ours["thresholds"][k]["false_match_rate"])])
    print("-- Splink probabilities with the prior re-set to 1/N records for lookups --")
    for thr in THRESHOLDS:
        k = str(thr)
        row(f"acc@1 with top p>={thr}", [fmt_pct(r["thresholds"][k]["accuracy_at_1_gated_lookup_prior"]) for r in results]
            + [fmt_pct(ours["thresholds"][k]["accuracy_at_1_gated"])])
        row(f"false-match rate p>={thr}", [fmt_pct(r["thresholds"][k]["false_match_rate_lookup_prior"]) for r in results]
            + [fmt_pct(ours["thresholds"][k]["false_match_rate"])])
    row("Safeguard proposed: acc@1 / FMR", ["" for _ in results]
        + [f"{fmt_pct(ours['accuracy_at_1_proposed'])}/{fmt_pct(ours['false_match_rate_proposed'])}"])
    row("acc@1 at Safeguard's FMR", [f"{fmt_pct(r['at_matched_fmr']['accuracy_at_1_gated'])}" for r in results]
        + [fmt_pct(ours["accuracy_at_1_proposed"])])
    row("  (FMR achieved)", [fmt_pct(r["at_matched_fmr"]["false_match_rate"]) for r in results]
        + [fmt_pct(ours["false_match_rate_proposed"])])
    row("training wall time (s)", [f"{r['timings']['train_total']:.0f}" for r in results] + ["-"])
    row("batch scoring 7,000 (s)", [f"{r['timings']['score_batch_7000']:.1f}" for r in results] + ["-"])
    if all("single_lookup_mean" in r["timings"] for r in results):
        row("one-at-a-time mean (ms)", [f"{r['timings']['single_lookup_mean']*1000:.0f}" for r in results] + ["-"])
    print("=" * 78)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--lookups", required=True)
    ap.add_argument("--configs", default="A_tf,B_notf,C_tf_history,A_tf+tightEM,B_notf+tightEM,C_tf_history+tightEM",
                    help="comma list of <comparisons>[+broadEM|+tightEM]")
    ap.add_argument("--u-max-pairs", type=float, default=1e7)
    ap.add_argument("--em-max-pairs", type=float, default=None,
                    help="optionally cap the pairs used by each EM session")
    ap.add_argument("--single", type=int, default=50, help="lookups to time one at a time (0 = skip)")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--cache-dir", default="/tmp/splink-bench-cache",
                    help="where to cache the record export (not the repo)")
    ap.add_argument("--out-dir", default="/tmp/splink-bench-out",
                    help="where to write results.json, per-lookup detail and model json")
    ap.add_argument("--log-level", default="WARNING")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    os.makedirs(args.out_dir, exist_ok=True)

    print(f"splink {splink.__version__}, duckdb {duckdb.__version__}, pandas {pd.__version__}", flush=True)
    records = load_records(args.db, args.cache_dir)
    raw, lookups = load_lookups(args.lookups)
    truth = load_truth(args.db)  # used ONLY for scoring, never given to Splink

    args.phone_u = exact_phone_u(records)
    print(f"[data] u for exact phone match computed from the data: {args.phone_u}", flush=True)

    ours = evaluate_ours(raw, truth)
    args.ours = ours
    print(f"[ours] accuracy@1 {ours['accuracy_at_1']:.4f}, "
          f"never-seen false-match rate (top_proposed=1) {ours['false_match_rate_proposed']:.4f}", flush=True)

    results = []
    for config in args.configs.split(","):
        res = run_config(config.strip(), records, lookups, raw, truth, args)
        detail = res.pop("_detail")
        detail.to_csv(os.path.join(args.out_dir, f"detail_{res['config']}.csv"))
        results.append(res)
        print(json.dumps(res, indent=1), flush=True)

    print_report(results, ours)
    with open(os.path.join(args.out_dir, "results.json"), "w") as f:
        json.dump({"splink_version": splink.__version__, "duckdb_version": duckdb.__version__,
                   "splink": results, "safeguard": ours}, f, indent=1)
    print(f"results written to {args.out_dir}/results.json")


if __name__ == "__main__":
    sys.exit(main())
