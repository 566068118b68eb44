package dev.mlops.benchmarks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the floor of a benchmark: a sibling {@code @Benchmark} method in the same class that does the same work by
 * hand with the underlying library. The summary reports every benchmark as a ratio to its floor, measured in the
 * same run with the same parameters.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Floor {
    /** The name of the floor method in the same class. */
    String value();
}
