#!/usr/bin/env python3
"""The benchmark's fair Python peer (see docs/benchmark.md): what our first `sync` does, written the way a user would
write it with huggingface_hub. Against the Hub at HF_ENDPOINT (the benchmark's mock):

  1. HfApi().list_models(author=<group author>, sort="downloads", limit=N, expand=[...]): the query group;
  2. HfApi().model_info(id, expand=[...]) for every listed model: one by one (--workers 1), or with a
     ThreadPoolExecutor of --workers threads (the benchmark passes our fetch.parallelism);
  3. every model turned into rows (source, subject, variant, key, value, url) with the keys our Hub source stores
     (sha, last_modified, created_at, downloads, likes, license, pipeline_tag, library_name, parameters, gated, tags,
     and rank:<group> for the group's models), written into a new SQLite file with one executemany in one
     transaction.

The steps run one after the other (list, then model info, then store), as a plain script would. The last line of the
output is one JSON object: {"seconds": wall time of steps 1-3, "list_s", "info_s", "store_s", "models", "rows"}.
"""
import argparse
import json
import os
import sqlite3
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from huggingface_hub import HfApi

# The expand list of the Java Hub source (HubClient.EXPAND): the same fields asked for.
EXPAND = ["cardData", "createdAt", "downloads", "evalResults", "gated", "gguf", "lastModified", "library_name",
          "likes", "pipeline_tag", "safetensors", "sha", "tags"]


def text(value):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def license_of(m):
    card = getattr(m.card_data, "license", None) if m.card_data is not None else None
    if isinstance(card, str) and card.strip():
        return card.strip()
    if isinstance(card, list) and card:
        return ", ".join(str(x).strip() for x in card)
    names = [t[len("license:"):] for t in (m.tags or []) if t.startswith("license:")]
    return ", ".join(names) or None


def parameters_of(m):
    if m.safetensors is not None and m.safetensors.total is not None:
        return m.safetensors.total
    return (m.gguf or {}).get("total")


def rows_of(m, endpoint, rank_key=None, rank=None):
    url = f"{endpoint}/api/models/{m.id}"
    values = [
        ("sha", m.sha),
        ("last_modified", m.last_modified),
        ("created_at", m.created_at),
        ("downloads", m.downloads),
        ("likes", m.likes),
        ("license", license_of(m)),
        ("pipeline_tag", m.pipeline_tag),
        ("library_name", m.library_name),
        ("parameters", parameters_of(m)),
        ("gated", m.gated),
        ("tags", ",".join(m.tags) if m.tags else None),
    ]
    if rank_key is not None:
        values.append((rank_key, rank))
    return [("hub", m.id, "", key, text(value), url) for key, value in values if text(value) is not None]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listed", required=True, help="file with the listed model ids, one a line")
    parser.add_argument("--author", required=True, help="the query group's author")
    parser.add_argument("--group", required=True, help="the query group's id (its rank key is rank:<group>)")
    parser.add_argument("--limit", type=int, required=True, help="the query group's limit")
    parser.add_argument("--workers", type=int, default=1, help="model_info threads; 1: a plain loop")
    parser.add_argument("--db", required=True, help="the SQLite file to create")
    parser.add_argument("--expand", default=",".join(EXPAND), help="comma-separated expand list; empty: the list above")
    args = parser.parse_args()
    with open(args.listed, encoding="utf-8") as f:
        listed = [line.strip() for line in f if line.strip()]
    expand = [e for e in args.expand.split(",") if e] or EXPAND
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")
    if os.path.exists(args.db):
        os.remove(args.db)

    api = HfApi()
    start = time.perf_counter()
    rows = []
    models = set()
    rank_key = "rank:" + args.group
    for rank, m in enumerate(api.list_models(author=args.author, sort="downloads", limit=args.limit, expand=expand),
                             start=1):
        rows.extend(rows_of(m, endpoint, rank_key, str(rank)))
        models.add(m.id)
    listed_at = time.perf_counter()

    def info(model_id):
        return api.model_info(model_id, expand=expand)

    if args.workers <= 1:
        infos = [info(i) for i in listed]
    else:
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            infos = list(pool.map(info, listed))
    for m in infos:
        rows.extend(rows_of(m, endpoint))
        models.add(m.id)
    info_at = time.perf_counter()

    db = sqlite3.connect(args.db)
    with db:  # one transaction
        db.execute("CREATE TABLE observation (source TEXT NOT NULL, subject TEXT NOT NULL, variant TEXT NOT NULL,"
                   " key TEXT NOT NULL, value TEXT, url TEXT)")
        db.executemany("INSERT INTO observation (source, subject, variant, key, value, url) VALUES (?, ?, ?, ?, ?, ?)",
                       rows)
    db.close()
    end = time.perf_counter()
    print(f"peer ({'sequential' if args.workers <= 1 else f'{args.workers} threads'}): {end - start:.2f} s,"
          f" {len(models)} models, {len(rows)} rows (list {listed_at - start:.2f} s, model_info {info_at - listed_at:.2f} s,"
          f" store {end - info_at:.2f} s)", file=sys.stderr)
    print(json.dumps({"seconds": end - start, "list_s": listed_at - start, "info_s": info_at - listed_at,
                      "store_s": end - info_at, "models": len(models), "rows": len(rows)}))


if __name__ == "__main__":
    main()
