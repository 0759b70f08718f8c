# Builds a product of the bench package; source it with BENCH set.

# The bench package builds the root package as a dependency in its own .build. After files were
# added to the root's sources, SwiftPM keeps compiling against its cached llbuild manifest, which
# lacks them, and fails until that manifest is removed; so one retry without it.
build_bench() {  # build_bench PRODUCT
  (cd "$BENCH" && { swift build -c release --product "$1" >/dev/null 2>&1 \
    || { rm -f .build/release.yaml; swift build -c release --product "$1" 2>&1 | tail -n 3; }; })
}
