package io.cachelet.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** JSON in and out of the sample's servlets. */
final class Json {

  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The most bytes of request body read. */
  static final int MAX_BODY = 16 * 1024;

  private Json() {}

  static void write(HttpServletResponse response, int status, Object body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  static void error(HttpServletResponse response, int status, String message) throws IOException {
    write(response, status, Map.of("error", message, "status", status));
  }

  /**
   * The request body read as {@code type}.
   *
   * @throws IllegalArgumentException when it is too large or not that JSON, with a message for the
   *     client
   */
  static <T> T read(InputStream in, Class<T> type) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new IllegalArgumentException("request body is larger than " + MAX_BODY + " bytes");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new IllegalArgumentException("request body is empty; expected a JSON object");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "request body is not the JSON expected: " + e.getOriginalMessage());
    }
  }
}
