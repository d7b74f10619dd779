"""One module per hot path: each measures its figure against its floor, interleaved."""
