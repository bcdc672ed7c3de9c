#!/usr/bin/env python3
"""The benchmark's huggingface_hub fetch-only comparison (see docs/benchmark.md), against the Hub at HF_ENDPOINT:
HfApi().model_info(id, expand=[...]) for every listed model one by one, then list_models(author=..., sort="downloads",
limit=N, expand=[...]) read to the end RUNS times (3 by default); nothing stored. Prints "<model_info s> <list_models
s, the median of the runs> <models listed>".

usage: hf_fetch.py LISTED_IDS_FILE AUTHOR LIMIT [RUNS]
"""
import statistics
import sys
import time

from huggingface_hub import HfApi

EXPAND = ["cardData", "createdAt", "downloads", "evalResults", "gated", "gguf", "lastModified", "library_name",
          "likes", "pipeline_tag", "safetensors", "sha", "tags"]

api = HfApi()
with open(sys.argv[1], encoding="utf-8") as f:
    listed = [line.strip() for line in f if line.strip()]
author, limit = sys.argv[2], int(sys.argv[3])
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
t = time.perf_counter()
for model_id in listed:
    api.model_info(model_id, expand=EXPAND)
info = time.perf_counter() - t
times = []
for _ in range(runs):
    t = time.perf_counter()
    count = sum(1 for _ in api.list_models(author=author, sort="downloads", limit=limit, expand=EXPAND))
    times.append(time.perf_counter() - t)
print(info, statistics.median(times), count)
