#!/usr/bin/env bash
# The iam-gen GPU kit's launcher, copied beside the kit's parts by `npm run gpu-kit`. It needs bash,
# coreutils, tar and xz (or python3, whose lzma unpacks instead); node comes in the kit.
#
#   run.sh store INDEX COUNT            checks part INDEX of COUNT (beside this script) and keeps it in the store
#   run.sh bench [--no-gpu] [-- ARGS]   checks and unpacks the stored parts, then the CUDA smoke test and the GPU
#                                       bench; --no-gpu: the 1B model rows on the CPU instead; ARGS replace the bench's
#
# The store is .gpu-kit-store/ in the working directory (on the device machine, the repo root: ignored
# files there survive between calls while the machine stays warm). The results, the charts (one
# archive) and the log go to $OUT, or the store's out/ where OUT is unset.
# test/bench/README.md gives the device calls.
set -euo pipefail

KIT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STORE=${GPU_KIT_STORE:-$PWD/.gpu-kit-store}

fail() {
    echo "run.sh: $*" >&2
    exit 1
}

step() {
    echo "[run.sh ${SECONDS}s] $*"
}

# MANIFEST lines: "part-I-of-N BYTES SHA256", and one "archive BYTES SHA256" for the parts joined.
manifest_field() {
    awk -v name="$2" -v column="$3" '$1 == name {print $column}' "$1"
}

part_names() {
    awk '$1 ~ /^part-/ {print $1}' "$1"
}

check_sum() {
    local file=$1 expected=$2
    local actual
    actual=$(sha256sum "$file" | cut -d' ' -f1)
    [[ $actual == "$expected" ]] || fail "$(basename "$file"): sha256 $actual, the manifest says $expected (a broken transfer: carry it again)"
}

store() {
    [[ $# -eq 2 && $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ ]] || fail "usage: run.sh store INDEX COUNT"
    local index=$1 count=$2
    local manifest=$KIT_DIR/MANIFEST name="part-$1-of-$2"
    [[ -f $manifest ]] || fail "no MANIFEST beside run.sh: carry it with the part"
    local parts
    parts=$(part_names "$manifest" | wc -l)
    [[ $parts -eq $count ]] || fail "this kit has $parts parts, not $count"
    [[ -f $KIT_DIR/$name ]] || fail "$name is not beside run.sh: carry it"
    check_sum "$KIT_DIR/$name" "$(manifest_field "$manifest" "$name" 3)"
    mkdir -p "$STORE"
    # Parts of another kit are of no use with this one.
    if [[ -f $STORE/MANIFEST ]] && ! cmp -s "$manifest" "$STORE/MANIFEST"; then
        echo "the store held another kit's parts: dropped"
        find "$STORE" -maxdepth 1 -name 'part-*' -delete
    fi
    cp "$manifest" "$STORE/MANIFEST"
    mv "$KIT_DIR/$name" "$STORE/$name"
    local stored=() missing=()
    for part in $(part_names "$manifest"); do
        if [[ -f $STORE/$part ]]; then stored+=("$part"); else missing+=("$part"); fi
    done
    echo "stored $name in $STORE; ${#stored[@]} of $count stored${missing[*]:+; missing: ${missing[*]}}"
}

decompress() {
    if command -v xz >/dev/null; then
        xz -dc
    elif command -v python3 >/dev/null; then
        python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.stdin.buffer), sys.stdout.buffer, 1 << 20)'
    else
        fail "neither xz nor python3 is here to unpack the kit"
    fi
}

unpack() {
    local manifest=$STORE/MANIFEST
    [[ -f $manifest ]] || fail "no part stored in $STORE: run run.sh store for each part first"
    local files=() missing=()
    for part in $(part_names "$manifest"); do
        if [[ -f $STORE/$part ]]; then files+=("$STORE/$part"); else missing+=("$part"); fi
    done
    [[ ${#missing[@]} -eq 0 ]] || fail "missing from $STORE: ${missing[*]} (the machine went back, or a store call was skipped): store them, then run bench again"
    local archive_sum
    archive_sum=$(manifest_field "$manifest" archive 3)
    if [[ -f $STORE/kit/.unpacked ]] && [[ $(cat "$STORE/kit/.unpacked") == "$archive_sum" ]]; then
        step "already unpacked in $STORE/kit"
        return
    fi
    step "checking ${#files[@]} parts"
    for file in "${files[@]}"; do
        check_sum "$file" "$(manifest_field "$manifest" "$(basename "$file")" 3)"
    done
    step "unpacking into $STORE/kit"
    rm -rf "$STORE/kit"
    mkdir -p "$STORE/kit"
    cat "${files[@]}" | decompress | tar -x -C "$STORE/kit"
    echo "$archive_sum" >"$STORE/kit/.unpacked"
}

# The directory of each library the CUDA build loads: pip's nvidia-* packages in python3's
# site-packages first (the CUDA 13 runtime and cuBLAS), then the usual system places; the driver's
# libcuda and libnvidia-ml must be on the path too, since node-llama-cpp looks for them there.
cuda_library_path() {
    local roots=()
    if command -v python3 >/dev/null; then
        while read -r site; do
            [[ -d $site/nvidia ]] && roots+=("$site/nvidia")
        done < <(python3 -c 'import site, sysconfig; print("\n".join(dict.fromkeys([sysconfig.get_paths()["purelib"], *site.getsitepackages()])))' 2>/dev/null || true)
    fi
    roots+=(/usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu /usr/lib64)
    local dirs=()
    for library in libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcuda.so.1 libnvidia-ml.so.1; do
        local found=""
        for root in "${roots[@]}"; do
            [[ -d $root ]] || continue
            found=$(find "$root" -maxdepth 4 -name "$library" -print -quit 2>/dev/null)
            [[ -n $found ]] && break
        done
        [[ -z $found ]] && found=$(ldconfig -p 2>/dev/null | awk -v name="$library" '$1 == name {print $NF; exit}')
        [[ -n $found ]] && dirs+=("$(dirname "$found")")
    done
    printf '%s\n' "${dirs[@]}" | awk 'NF && !seen[$0]++' | paste -sd:
}

# The results file this run wrote: results-gpu.json, results.json or results-only.json (with --only).
results_file() {
    ls -t "$STORE"/kit/test/bench/results*.json 2>/dev/null | head -1 || true
}

# Whatever the run left: the results, the charts as one archive, next to the log.
collect() {
    local results
    results=$(results_file)
    [[ -n $results ]] && cp "$results" "$OUT/results.json"
    if compgen -G "$STORE/kit/media/bench-*" >/dev/null; then
        tar -czf "$OUT/charts.tar.gz" -C "$STORE/kit/media" .
    fi
    step "in $OUT: $(cd "$OUT" && ls | paste -sd' ')"
}

bench() {
    local gpu=1 bench_args=()
    while [[ $# -gt 0 ]]; do
        case $1 in
            --no-gpu) gpu=0 ;;
            --) shift; bench_args=("$@"); break ;;
            *) fail "usage: run.sh bench [--no-gpu] [-- BENCH_ARGS]" ;;
        esac
        shift
    done
    if [[ ${#bench_args[@]} -eq 0 ]]; then
        if [[ $gpu -eq 1 ]]; then bench_args=(--gpu); else bench_args=(--only bandwidth,models --quick); fi
    fi
    step "iam-gen GPU kit: bench ${bench_args[*]}"
    unpack
    cd "$STORE/kit"
    # An earlier run's results and charts (an unpacked kit is reused) must not pass for this one's.
    rm -rf test/bench/results*.json media
    trap collect EXIT
    if [[ $gpu -eq 1 ]]; then
        nvidia-smi -L 2>/dev/null || true
        LD_LIBRARY_PATH=$(cuda_library_path)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
        export LD_LIBRARY_PATH
        step "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
        local cuda_library missing
        cuda_library=$(compgen -G "node_modules/@node-llama-cpp/linux-x64-cuda/bins/*/libggml-cuda.so" || true)
        [[ -n $cuda_library ]] || fail "this kit was packed without the CUDA build: run bench --no-gpu"
        missing=$(ldd "$cuda_library" | awk '/not found/ {print $1}' | paste -sd' ')
        [[ -z $missing ]] || fail "the CUDA build cannot load: missing $missing (looked in python3's site-packages/nvidia, /usr/local/cuda, /usr/local/nvidia and ldconfig)"
    fi
    step "smoke test"
    timeout 120 bin/node test/bench/smoke.mjs $([[ $gpu -eq 1 ]] || echo --no-gpu) || fail "the smoke test failed: nothing measured"
    # The whole command stays inside GPU_KIT_SECONDS, 330 on a GPU (test/bench/README.md's device
    # time) and an hour without: the bench is stopped in time to keep what it measured.
    local deadline=${GPU_KIT_SECONDS:-$([[ $gpu -eq 1 ]] && echo 330 || echo 3600)}
    local left=$((deadline - SECONDS - 30))
    [[ $left -gt 60 ]] || fail "only ${left}s left of GPU_KIT_SECONDS=$deadline for the bench"
    step "bench, stopped after ${left}s at the latest"
    local status=0
    timeout --kill-after=10 "$left" bin/node test/bench/main.mjs "${bench_args[@]}" || status=$?
    if [[ $status -ne 0 ]]; then
        step "the bench stopped early (exit $status): keeping what it measured"
        local results
        results=$(results_file)
        [[ -n $results ]] && timeout 60 bin/node test/bench/main.mjs --from "$results" || true
    fi
    step "done"
}

case ${1:-} in
    store) shift; store "$@" ;;
    bench)
        shift
        OUT=${OUT:-$STORE/out}
        mkdir -p "$OUT"
        # An earlier run's files (where OUT is not emptied for each command) must not pass for this one's.
        rm -f "$OUT/results.json" "$OUT/charts.tar.gz"
        bench "$@" 2>&1 | tee "$OUT/run.log"
        ;;
    *) fail "usage: run.sh store INDEX COUNT | run.sh bench [--no-gpu] [-- BENCH_ARGS]" ;;
esac
