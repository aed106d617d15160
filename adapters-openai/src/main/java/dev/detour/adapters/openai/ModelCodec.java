package dev.detour.adapters.openai;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the calls of one model use to write requests and read responses, built once per model: the JSON
 * mapper, the request mapper, the failure mapper and the answer builder.
 */
record ModelCodec(ObjectMapper json, RequestMapper requests, FailureMapper failures, Answers answers) {}
