# The two commands of the README: `make run` and `make test`.
SWIFT ?= swift
FUZZ_SECONDS ?= 20

.PHONY: run test test-busy deps fixtures build release fuzz fuzz-long sanitize bench clean

run: deps release
	.build/release/tessera serve --data-dir ./data

test: deps fixtures
	bash scripts/check-embeds.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip RoomCallInteropTests --skip JanusInteropTests --skip InProcessAppTests --skip StorageInteropTests --skip ClusterInteropTests
	# The app built in process answers on Swift's cooperative threads, which the process-driving
	# tests above hold while they wait on their children: it runs on its own.
	$(SWIFT) test --skip-build --filter InProcessAppTests
	# Three browsers (or Janus with three aiortc encoders) and a live composite load both
	# cores: these suites run on their own, so they neither slow the timing-sensitive
	# tests above nor are slowed by them (nor by each other).
	$(SWIFT) test --skip-build --filter RoomCallInteropTests
	$(SWIFT) test --skip-build --filter JanusInteropTests
	# A real S3 server, tessera and aiortc publishers at once: on their own too.
	$(SWIFT) test --skip-build --filter StorageInteropTests
	# Three nodes on a real PostgreSQL and a real S3 server: on their own as well.
	$(SWIFT) test --skip-build --filter ClusterInteropTests
	bash scripts/check-openapi.sh
	$(MAKE) fuzz

# The same suites with another process keeping one core busy all the while:
# they must hold on a busy machine.
test-busy: deps
	stress-ng --cpu 1 --quiet & load=$$!; trap 'kill $$load' EXIT; $(MAKE) test

deps:
	bash scripts/install-deps.sh

fixtures: deps
	bash scripts/make-fixtures.sh

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

fuzz: deps
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

# Long runs, on demand; their figures go into RELIABILITY.md.
fuzz-long: deps
	bash scripts/fuzz-long.sh 300

sanitize: deps fixtures
	bash scripts/sanitize.sh

bench: deps release fixtures
	bash scripts/bench-foundation.sh
	bash scripts/bench-render.sh
	.build/release/tessera benchmark receive
	.build/release/tessera benchmark requests
	bash scripts/bench-whip.sh
	bash scripts/bench-live.sh
	bash scripts/bench-room.sh
	bash scripts/bench-storage.sh
	bash scripts/bench-cluster.sh

clean:
	rm -rf .build .build-fuzz .fixtures Fuzz/bin
