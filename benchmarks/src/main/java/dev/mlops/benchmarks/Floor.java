package dev.mlops.benchmarks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the sibling benchmark method that measures the floor this benchmark is compared with. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Floor {
    /** The floor benchmark's method name, in the same class. */
    String value();
}
