package dev.mlops.api;

/** Why a row of input was rejected; each reason has a stable code for reports and dashboards. */
public enum RejectReason {
    /** A value that should be a real number is not one. */
    BAD_NUMBER("bad-number"),
    /**
     * A number that is positive or negative infinity ({@code inf}, {@code -Infinity}) or too large for a double
     * ({@code 1e309}): no statistic, imputation or model can use it, so it is refused where it enters.
     */
    NON_FINITE("non-finite"),
    /** A value that should be a whole number is not one, or does not fit in 64 bits. */
    BAD_INTEGER("bad-integer"),
    /** A value that should be true or false is neither. */
    BAD_BOOLEAN("bad-boolean"),
    /** A value that should be a date or instant does not parse. */
    BAD_TIMESTAMP("bad-timestamp"),
    /** A row with more or fewer values than the header. */
    RAGGED_ROW("ragged-row"),
    /** Text that cannot be parsed at all: an unterminated quote, broken JSON. */
    MALFORMED("malformed"),
    /** Bytes that are not valid in the declared character encoding. */
    INVALID_ENCODING("invalid-encoding"),
    /** A nested object or array where the options forbid one. */
    NESTED_VALUE("nested-value"),
    /** A missing value in a column declared not null. */
    MISSING_REQUIRED("missing-required"),
    /** A value of a type the source cannot map to a column type. */
    UNSUPPORTED_TYPE("unsupported-type");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The stable code, e.g. {@code bad-number}. */
    public String code() {
        return code;
    }
}
