package io.learnlytics.access;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who a request acts as: the admin (everything), or one learner (only that learner's data). The
 * authentication filter stores it on every API request under {@link #ATTRIBUTE}; a server without
 * any token treats every caller as the admin, as a single-user install always has.
 */
public record Principal(@Nullable String learner) {
  /** The request attribute holding the caller's principal. */
  public static final String ATTRIBUTE = "learnlytics.principal";

  public static final Principal ADMIN = new Principal(null);

  public static Principal learner(String id) {
    return new Principal(Objects.requireNonNull(id, "id"));
  }

  public boolean admin() {
    return learner == null;
  }

  /** Whether this principal may act on {@code learnerId}'s data. */
  public boolean mayAct(String learnerId) {
    return learner == null || learner.equals(learnerId);
  }
}
