# Dala: `make run` starts the local stack with the sample documents; `make test` runs every test.
.PHONY: run stop test chaos bench bench-analysis bench-peers bench-extract bench-pipeline build deps clean

run:            ## install, build (release), start PostgreSQL + broker + services, submit the samples
	deploy/scripts/run.sh

stop:           ## stop the services, the broker and PostgreSQL
	deploy/scripts/services.sh stop
	deploy/scripts/broker.sh stop
	deploy/scripts/pg.sh stop

test:           ## unit + integration tests (real PostgreSQL and broker, started and stopped here) + end-to-end
	deploy/scripts/test.sh

chaos:          ## fault tests: worker kills, PostgreSQL and broker restarts, ingest SIGKILL, hostile HTTP, memory (docs/reliability.md)
	deploy/scripts/chaos.sh

bench:          ## analysis throughput, memory and quality (release), then the query load benchmark on 100k docs
	swift build -c release --product dala
	.build/release/dala bench
	Benchmarks/QueryLoad/run.sh

bench-analysis: ## only the analysis figures (a minute)
	swift build -c release --product dala
	.build/release/dala bench

bench-pipeline: ## end to end: documents/s, MB/s, freshness, memory with 1 and 2 workers, vs the analysis alone (release)
	Benchmarks/Pipeline/run.sh

bench-peers:    ## entity quality against Natasha (Russian NER) on the fixtures and the samples; installs Natasha from PyPI
	swift build -c release --product dala
	Benchmarks/Peers/run.sh .build/release/dala

bench-extract:  ## PDF text-layer and OCR pages/s, OCR character accuracy per language, on the samples (~3 min)
	swift build -c release --product dala
	.build/release/dala bench-extract

deps:           ## what `run` and `test` install themselves
	deploy/scripts/install-deps.sh

build:
	swift build -c release

clean:
	rm -rf .build .local/run .local/e2e-run
