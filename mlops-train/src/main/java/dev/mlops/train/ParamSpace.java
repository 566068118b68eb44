package dev.mlops.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The settings a search tries: per setting name, a list of values (grid and random search) or a range (random
 * search only). Immutable; each method returns a new space.
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

    /** An empty space (one trial: the trainer's own settings). */
    public static ParamSpace of() {
        return new ParamSpace(new LinkedHashMap<>());
    }

    /** A setting that takes each of these values. */
    public ParamSpace values(String name, Object... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("Setting '" + name + "' needs at least one value");
        }
        return with(name, new Dimension(List.of(values), Double.NaN, Double.NaN, false, false));
    }

    /** A real setting drawn uniformly from {@code [lo, hi]} (random search). */
    public ParamSpace uniform(String name, double lo, double hi) {
        checkRange(name, lo, hi);
        return with(name, new Dimension(null, lo, hi, false, false));
    }

    /** A positive real setting drawn log-uniformly from {@code [lo, hi]} (random search). */
    public ParamSpace logUniform(String name, double lo, double hi) {
        checkRange(name, lo, hi);
        if (lo <= 0) {
            throw new IllegalArgumentException("A log-uniform range needs lo > 0, not " + lo);
        }
        return with(name, new Dimension(null, lo, hi, true, false));
    }

    /** An integer setting drawn uniformly from {@code [lo, hi]} (random search). */
    public ParamSpace intRange(String name, int lo, int hi) {
        checkRange(name, lo, hi);
        return with(name, new Dimension(null, lo, hi, false, true));
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
            } else if (d.integer) {
                v = (int) d.lo + rnd.nextInt((int) d.hi - (int) d.lo + 1);
            } else if (d.log) {
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

    private record Dimension(List<Object> values, double lo, double hi, boolean log, boolean integer) {
    }
}
