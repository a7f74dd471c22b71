package io.stratus.testkit;

/**
 * Decides what a test does when something it needs from the machine (a service, a tool) is missing: skip with a
 * loud message on a laptop, fail when {@code STRATUS_REQUIRE_SERVICES=1} (as in CI).
 */
public final class ServiceRequirement {

    private ServiceRequirement() {
    }

    /** True when missing services must fail the build. */
    public static boolean required() {
        return "1".equals(System.getenv("STRATUS_REQUIRE_SERVICES"));
    }

    /** A message that names what is missing and how CI treats it. */
    public static String missing(String what) {
        String banner = "!!! " + what + " is not available";
        System.err.println(banner + (required() ? " and STRATUS_REQUIRE_SERVICES=1: failing." : ": skipping."));
        return banner;
    }
}
