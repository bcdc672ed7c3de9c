package dev.llmcatalog.source.mteb;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON body and the URL it was read from (the value's provenance). */
record JsonAnswer(JsonNode json, String url) {}
