package io.learnlytics.api;

import io.learnlytics.support.ApiException;
import io.learnlytics.support.ApiException.FieldError;
import java.util.List;

/** The one error shape of the API: {@code {"error":{"code","message","details":[...]}}}. */
record ErrorBody(Error error) {
  record Error(String code, String message, List<FieldError> details) {}

  static ErrorBody of(ApiException e) {
    return new ErrorBody(new Error(e.code(), e.getMessage(), e.details()));
  }

  static ErrorBody of(String code, String message) {
    return new ErrorBody(new Error(code, message, List.of()));
  }
}
