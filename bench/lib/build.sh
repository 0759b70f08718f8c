# Builds what the bench scripts run; source it with BENCH set (and ROOT, for switchyard_binary).

# The bench package builds the root package as a dependency in its own .build. After files were
# added to the root's sources, SwiftPM keeps compiling against its cached llbuild manifest, which
# lacks them, and fails until that manifest is removed; so one retry without it.
build_bench() {  # build_bench PRODUCT
  (cd "$BENCH" && { swift build -c release --product "$1" >/dev/null 2>&1 \
    || { rm -f .build/release.yaml; swift build -c release --product "$1" 2>&1 | tail -n 3; }; })
}

# Sets BIN: $SWITCHYARD_BIN when given, else a release build of the gateway made here.
switchyard_binary() {
  if [ -n "${SWITCHYARD_BIN:-}" ]; then
    BIN="$SWITCHYARD_BIN"
  else
    log "building switchyard (release)"
    (cd "$ROOT" && swift build -c release --product switchyard 2>&1 | tail -n 2) || die "swift build failed"
    BIN="$ROOT/.build/release/switchyard"
  fi
  [ -x "$BIN" ] || die "no binary at $BIN"
}
