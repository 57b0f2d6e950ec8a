# Sourced by the bench scripts, from the project root: builds hromada with
# PROFILE (default `dist`, the optimised build to install; `release` is
# what the tests use, quicker to build) and the corpus generator, and names
# them `bin` and `corpus`; `work` holds the corpora and peers' sites.
profile=${PROFILE:-dist}
work=${BENCH_DIR:-/tmp/hromada-bench}
cargo build --profile "$profile" --quiet
cargo build --release --quiet --example corpus --example write_floor
bin=${BIN:-${CARGO_TARGET_DIR:-target}/$profile/hromada}
corpus=${CARGO_TARGET_DIR:-target}/release/examples/corpus
floor=${CARGO_TARGET_DIR:-target}/release/examples/write_floor

# corpus_site SIZE|FOLDER: sets `site` to a folder holding site.toml (a
# size names a synthetic corpus, made if missing; a folder is used as it
# is), `label` to the size or the folder's name, and `synthetic` to
# true or false.
corpus_site() {
  if [ -f "$1/site.toml" ]; then
    site=$(cd "$1" && pwd)
    label=$(basename "$site")
    synthetic=false
  else
    site=$work/corpus-$1
    label=$1
    synthetic=true
    [ -f "$site/site.toml" ] || "$corpus" "$1" "$site" >/dev/null
  fi
}
