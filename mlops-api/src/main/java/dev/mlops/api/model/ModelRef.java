package dev.mlops.api.model;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A reference to one model version in a repository: {@code name@alias} (e.g. {@code credit@production}) or
 * {@code name@version} (e.g. {@code credit@3}). A bare {@code name} means {@code name@latest}, the highest
 * version that is not archived. Immutable.
 *
 * @param model the model name
 * @param selector an alias or a version number, as written
 */
public record ModelRef(String model, String selector) {
    /** The selector that means the newest version that is not archived. */
    public static final String LATEST = "latest";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** Checks that both parts are valid names. */
    public ModelRef {
        checkName("model name", model);
        checkName("alias or version", selector);
    }

    /** Parses {@code name@alias}, {@code name@version} or {@code name}. */
    public static ModelRef parse(String ref) {
        Objects.requireNonNull(ref, "ref");
        int at = ref.indexOf('@');
        return at < 0 ? new ModelRef(ref, LATEST) : new ModelRef(ref.substring(0, at), ref.substring(at + 1));
    }

    /** The version number when the selector is one. */
    public OptionalInt version() {
        return selector.chars().allMatch(Character::isDigit) ? OptionalInt.of(Integer.parseInt(selector))
                : OptionalInt.empty();
    }

    /** Checks a model or alias name: letters, digits, {@code .}, {@code _} and {@code -}, not starting with a dot. */
    static String checkName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches() || name.length() > 200) {
            throw new IllegalArgumentException("Invalid " + what + " '" + name + "': use letters, digits, '.', '_' "
                    + "and '-' (not first), at most 200 characters");
        }
        return name;
    }

    @Override
    public String toString() {
        return model + "@" + selector;
    }
}
