package dev.gort.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** An RFC 9457 problem detail, sent as {@code application/problem+json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";
}
