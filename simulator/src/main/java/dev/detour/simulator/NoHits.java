package dev.detour.simulator;

/** HTTP 200 with a valid answer that found nothing: the source's own zero-hit shape. */
record NoHits() implements Behaviour {}
