package dev.mlops.train.onnx.internal;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableIDInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The caller's feature order: which column of the {@code features} input holds each named feature.
 * Immutable and safe to share.
 */
public final class FeatureIndex {
    /** Returned by {@link #column(String)} for a feature the caller does not feed. */
    public static final int ABSENT = -1;

    private final List<String> names;
    private final Map<String, Integer> positions;

    private FeatureIndex(List<String> names, Map<String, Integer> positions) {
        this.names = names;
        this.positions = positions;
    }

    /** Indexes the caller's ordered, distinct, non-blank feature names. */
    public static FeatureIndex of(List<String> featureNames) {
        if (featureNames == null || featureNames.isEmpty()) {
            throw new IllegalArgumentException("featureNames must list at least one feature, in the order the caller "
                    + "will feed them as columns of the 'features' input");
        }
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < featureNames.size(); i++) {
            String name = featureNames.get(i);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("featureNames[" + i + "] is null or blank; every column needs a name");
            }
            Integer previous = positions.put(name, i);
            if (previous != null) {
                throw new IllegalArgumentException("featureNames lists '" + name + "' twice (positions " + previous
                        + " and " + i + "); each column must be named once");
            }
        }
        return new FeatureIndex(List.copyOf(featureNames), Collections.unmodifiableMap(positions));
    }

    /** The caller's feature names, in column order. */
    public List<String> names() {
        return names;
    }

    /** The number of columns of the {@code features} input. */
    public int size() {
        return names.size();
    }

    /** The column holding {@code name}, or {@link #ABSENT}. */
    public int column(String name) {
        return positions.getOrDefault(name, ABSENT);
    }

    /** For each feature id of a Tribuo feature map, the caller's column or {@link #ABSENT}. */
    public int[] columnsFor(ImmutableFeatureMap featureMap) {
        int[] columns = new int[featureMap.size()];
        for (int id = 0; id < columns.length; id++) {
            VariableIDInfo info = featureMap.get(id);
            columns[id] = column(info.getName());
        }
        return columns;
    }

    /** The names a Tribuo feature map knows that the caller does not feed, sorted. */
    public List<String> absentFrom(ImmutableFeatureMap featureMap) {
        TreeSet<String> absent = new TreeSet<>();
        for (int id = 0; id < featureMap.size(); id++) {
            String name = featureMap.get(id).getName();
            if (column(name) == ABSENT) {
                absent.add(name);
            }
        }
        return new ArrayList<>(absent);
    }
}
