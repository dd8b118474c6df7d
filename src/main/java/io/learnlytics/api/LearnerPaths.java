package io.learnlytics.api;

import io.learnlytics.access.Principal;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which API paths a principal may use. The admin may use every path. A learner's token may use the
 * paths of its own learner ({@code /api/learners/{its id}/...}) and the learner-free contract
 * ({@code /api/meta}); nothing else: not another learner's paths, not the default learner's ({@code
 * /api/events}, {@code /api/analytics/...}), not the admin's ({@code /api/learners/{id}} itself).
 *
 * <p>Decided on the raw path, as the router matches it. Learner ids never need a %-escape, so a
 * path whose learner segment is escaped, or that has empty, {@code .} or {@code ..} segments, is
 * simply not a learner's: the rule can only refuse too much, never let a path through that the
 * router would send to another learner.
 */
final class LearnerPaths {
  static final String PREFIX = "/api/learners/";

  /** What a learner's token may use besides its own paths: the same for everyone. */
  static final Set<String> SHARED = Set.of(MetaRoutes.META);

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private LearnerPaths() {}

  /**
   * The learner a data path belongs to: the {@code {id}} of {@code /api/learners/{id}/something},
   * or null for any other path (also for {@code /api/learners/{id}} itself and for an {@code id}
   * that is not a valid learner id).
   */
  static @Nullable String learnerOf(String path) {
    if (!path.startsWith(PREFIX)) {
      return null;
    }
    int slash = path.indexOf('/', PREFIX.length());
    if (slash < 0 || path.substring(slash).replace("/", "").isEmpty()) {
      return null;
    }
    String id = path.substring(PREFIX.length(), slash);
    return ID.matcher(id).matches() ? id : null;
  }

  /** Whether {@code principal} may use {@code path}. */
  static boolean allows(Principal principal, String path) {
    if (principal.admin() || SHARED.contains(path)) {
      return true;
    }
    String learner = learnerOf(path);
    return learner != null && learner.equals(principal.learner()) && plain(path);
  }

  /** No empty, {@code .} or {@code ..} segment, escaped or not, and no {@code ;} parameters. */
  private static boolean plain(String path) {
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("//") || lower.contains(";") || lower.contains("%2e")) {
      return false;
    }
    for (String segment : lower.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
