package dev.mlops.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mlops.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The settings a search tries: per setting name, a list of values (grid and random search) or a range (random
 * search only). Immutable; each method returns a new space. Writes to JSON and back ({@link #toJson()}), one
 * object per setting name: {@code {"values": [50, 100]}}, or {@code {"kind": "logUniform", "lo": 0.01, "hi": 0.3}}.
 *
 * <pre>{@code
 * ParamSpace space = ParamSpace.of().values("trees", 50, 100).logUniform("eta", 0.01, 0.3);
 * }</pre>
 */
public final class ParamSpace {
    private final Map<String, Dimension> dims;

    private ParamSpace(Map<String, Dimension> dims) {
        this.dims = dims;
    }

    /** Reads the JSON form, checking each setting as the methods that build it do. */
    @JsonCreator
    static ParamSpace fromMap(Map<String, Dimension> dims) {
        ParamSpace space = of();
        for (Map.Entry<String, Dimension> e : dims.entrySet()) {
            space = space.with(e.getKey(), e.getValue().checked(e.getKey()));
        }
        return space;
    }

    @JsonValue
    Map<String, Dimension> dimensions() {
        return java.util.Collections.unmodifiableMap(dims);
    }

    /** The space as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads a space written by {@link #toJson()}. */
    public static ParamSpace fromJson(String json) {
        return Json.read(json, ParamSpace.class);
    }

    /** An empty space (one trial: the trainer's own settings). */
    public static ParamSpace of() {
        return new ParamSpace(new LinkedHashMap<>());
    }

    /** A setting that takes each of these values. */
    public ParamSpace values(String name, Object... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("Setting '" + name + "' needs at least one value");
        }
        return with(name, new Dimension(Dimension.VALUES, List.of(values), null, null));
    }

    /** A real setting drawn uniformly from {@code [lo, hi]} (random search). */
    public ParamSpace uniform(String name, double lo, double hi) {
        checkRange(name, lo, hi);
        return with(name, new Dimension(Dimension.UNIFORM, null, lo, hi));
    }

    /** A positive real setting drawn log-uniformly from {@code [lo, hi]} (random search). */
    public ParamSpace logUniform(String name, double lo, double hi) {
        checkRange(name, lo, hi);
        if (lo <= 0) {
            throw new IllegalArgumentException("A log-uniform range needs lo > 0, not " + lo);
        }
        return with(name, new Dimension(Dimension.LOG_UNIFORM, null, lo, hi));
    }

    /** An integer setting drawn uniformly from {@code [lo, hi]} (random search). */
    public ParamSpace intRange(String name, int lo, int hi) {
        checkRange(name, lo, hi);
        return with(name, new Dimension(Dimension.INT_RANGE, null, (double) lo, (double) hi));
    }

    /** The setting names. */
    public List<String> names() {
        return List.copyOf(dims.keySet());
    }

    /**
     * Every combination of the listed values, in order (the last setting varies fastest).
     *
     * @throws IllegalArgumentException when a setting is a range, which a grid cannot enumerate
     */
    public List<Map<String, Object>> grid() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, Dimension> e : dims.entrySet()) {
            if (e.getValue().values == null) {
                throw new IllegalArgumentException("Setting '" + e.getKey() + "' is a range; a grid search needs"
                        + " listed values (ParamSpace.values) or use a random search");
            }
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object v : e.getValue().values) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** One random point of the space. */
    public Map<String, Object> sample(Random rnd) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Dimension> e : dims.entrySet()) {
            Dimension d = e.getValue();
            Object v;
            if (d.values != null) {
                v = d.values.get(rnd.nextInt(d.values.size()));
            } else if (d.kind.equals(Dimension.INT_RANGE)) {
                v = (int) (double) d.lo + rnd.nextInt((int) (double) d.hi - (int) (double) d.lo + 1);
            } else if (d.kind.equals(Dimension.LOG_UNIFORM)) {
                v = Math.exp(Math.log(d.lo) + rnd.nextDouble() * (Math.log(d.hi) - Math.log(d.lo)));
            } else {
                v = d.lo + rnd.nextDouble() * (d.hi - d.lo);
            }
            m.put(e.getKey(), v);
        }
        return m;
    }

    private ParamSpace with(String name, Dimension d) {
        Objects.requireNonNull(name, "name");
        Map<String, Dimension> m = new LinkedHashMap<>(dims);
        m.put(name, d);
        return new ParamSpace(m);
    }

    private static void checkRange(String name, double lo, double hi) {
        if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("Range of '" + name + "' must be finite with lo <= hi, not [" + lo
                    + ", " + hi + "]");
        }
    }

    @Override
    public String toString() {
        return "ParamSpace" + dims.keySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamSpace p && p.dims.equals(dims);
    }

    @Override
    public int hashCode() {
        return dims.hashCode();
    }

    /** One setting: listed values, or a range of a kind. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Dimension(String kind, List<Object> values, Double lo, Double hi) {
        static final String VALUES = "values";
        static final String UNIFORM = "uniform";
        static final String LOG_UNIFORM = "logUniform";
        static final String INT_RANGE = "intRange";

        Dimension {
            kind = kind == null ? VALUES : kind;
            values = values == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }

        /** This dimension, checked as the builder methods check it. */
        Dimension checked(String name) {
            switch (kind) {
                case VALUES -> {
                    if (values == null || values.isEmpty()) {
                        throw new IllegalArgumentException("Setting '" + name + "' needs at least one value");
                    }
                }
                case UNIFORM, LOG_UNIFORM, INT_RANGE -> {
                    if (lo == null || hi == null) {
                        throw new IllegalArgumentException("Setting '" + name + "' is a " + kind + " range and needs"
                                + " lo and hi");
                    }
                    checkRange(name, lo, hi);
                    if (kind.equals(LOG_UNIFORM) && lo <= 0) {
                        throw new IllegalArgumentException("A log-uniform range needs lo > 0, not " + lo);
                    }
                }
                default -> throw new IllegalArgumentException("Setting '" + name + "' has unknown kind '" + kind
                        + "'; use values, uniform, logUniform or intRange");
            }
            return this;
        }
    }
}
