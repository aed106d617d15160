package dev.detour.simulator;

/** HTTP 200 with a JSON body that breaks off in the middle. */
record MalformedJson() implements Behaviour {}
