package dev.mlops.train.onnx.internal;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.mlops.features.internal.onnx.GraphBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import org.tribuo.classification.libsvm.LibSVMClassificationModel;

/**
 * LibSVM's class probabilities for three or more classes, written in double as LibSVM computes them
 * (docs/decisions/221): the kernel against the support vectors, the one-against-one decision values, LibSVM's
 * clamped sigmoid of each, and the pairwise coupling of Wu, Lin and Weng as an ONNX {@code Loop} that stops each
 * row at the round where LibSVM's own iteration stops (at most max(100, k) rounds, tolerance 0.005 / k). ONNX
 * Runtime's {@code SVMClassifier} runs that coupling in float and stops elsewhere, up to 1e-3 away. The price is
 * latency: each round is about 110 small nodes (one row: about 250 us against 9 us for the float graph).
 */
final class LibSvmGraphs {
    /** LibSVM's clamp of the pairwise probabilities ({@code svm_predict_probability}'s {@code min_prob}). */
    private static final double MIN_PROB = 1e-7;

    private LibSvmGraphs() {
    }

    /**
     * Appends the model, reading the caller's double {@code features}, when this writer takes it: probabilities of
     * three or more classes, all of them observed, with any kernel but a precomputed one.
     *
     * @return its [N, C] double probabilities in Tribuo's label-id order, or empty for a model left to Tribuo's export
     */
    static Optional<String> writeProbabilities(GraphBuilder g, LibSVMClassificationModel model, String features,
                                               FeatureIndex index) {
        if (!model.generatesProbabilities()) {
            return Optional.empty();
        }
        svm_model m = model.getInnerModels().get(0); // a deep copy: taken once
        if (m.nr_class < 3 || m.nr_class != model.getOutputIDInfo().size()
                || m.param.kernel_type == svm_parameter.PRECOMPUTED || m.probA == null || m.probB == null) {
            return Optional.empty();
        }
        g.requireOpset("", 13);
        int k = m.nr_class;
        int pairs = k * (k - 1) / 2;
        int width = model.getFeatureIDMap().size();
        String x = Gathers.gather(g, features, index.columnsFor(model.getFeatureIDMap()), index.size(), true);

        // The kernel [N, S] against the support vectors, laid out [F, S].
        double[] svT = new double[width * m.l];
        double[] svSquares = new double[m.l];
        for (int s = 0; s < m.l; s++) {
            for (svm_node node : m.SV[s]) {
                svT[node.index * m.l + s] = node.value;
                svSquares[s] += node.value * node.value;
            }
        }
        String dot = g.op("MatMul", List.of(x, g.doubles("svm_vectors", new long[] {width, m.l}, svT)), Map.of());
        String kernel = kernel(g, m.param, x, dot, svSquares);

        // One-against-one decision values [N, P], in LibSVM's pair order (i < j).
        int[] start = new int[k];
        for (int i = 1; i < k; i++) {
            start[i] = start[i - 1] + m.nSV[i - 1];
        }
        double[] coef = new double[m.l * pairs];
        double[] rho = new double[pairs];
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                for (int s = 0; s < m.nSV[i]; s++) {
                    coef[(start[i] + s) * pairs + p] = m.sv_coef[j - 1][start[i] + s];
                }
                for (int s = 0; s < m.nSV[j]; s++) {
                    coef[(start[j] + s) * pairs + p] = m.sv_coef[i][start[j] + s];
                }
                rho[p] = m.rho[p];
                p++;
            }
        }
        String decision = g.op("Sub", List.of(g.op("MatMul", List.of(kernel, g.doubles("svm_coef",
                new long[] {m.l, pairs}, coef)), Map.of()), g.doubles("svm_rho", new long[] {pairs}, rho)), Map.of());
        String pairwise = clampedSigmoid(g, decision, m.probA, m.probB, pairs);

        // r[i][j] for all i, j: the pair's probability above the diagonal, one minus it below, zero on it.
        String one = g.doubles("one", new long[] {1}, new double[] {1});
        String complement = g.op("Sub", List.of(one, pairwise), Map.of());
        // A zero column [N, 1] for the diagonal: the first pair's column times 0 (clamped, so never NaN).
        String zeros = g.op("Mul", List.of(g.op("Gather", List.of(pairwise, g.longs("first", new long[] {1},
                new long[] {0})), Map.of("axis", 1L)), g.doubles("zero", new long[] {1}, new double[] {0})), Map.of());
        String all = g.op("Concat", List.of(pairwise, complement, zeros), Map.of("axis", 1L));
        long[] at = new long[k * k];
        int[][] pairIndex = new int[k][k];
        p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                pairIndex[i][j] = p++;
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                at[i * k + j] = i < j ? pairIndex[i][j] : i > j ? pairs + pairIndex[j][i] : 2L * pairs;
            }
        }
        String r = g.op("Reshape", List.of(g.op("Gather", List.of(all, g.longs("pairwise_at", new long[] {k * k},
                at)), Map.of("axis", 1L)), g.longs("square", new long[] {3}, new long[] {-1, k, k})), Map.of());
        // Q[t][t] = sum over j of r[j][t]^2 (r[t][t] is 0); Q[t][j] = -r[j][t] * r[t][j].
        String rT = g.op("Transpose", List.of(r), Map.of("perm", new long[] {0, 2, 1}));
        String qDiag = g.op("ReduceSum", List.of(g.op("Mul", List.of(rT, rT), Map.of()), g.longs("last",
                new long[] {1}, new long[] {2})), Map.of("keepdims", 0L));
        String qOff = g.op("Neg", List.of(g.op("Mul", List.of(rT, r), Map.of())), Map.of());
        boolean[] eye = new boolean[k * k];
        for (int t = 0; t < k; t++) {
            eye[t * k + t] = true;
        }
        String q = g.op("Where", List.of(bools(g, "eye", new long[] {1, k, k}, eye), g.op("Unsqueeze",
                List.of(qDiag, g.longs("axis2", new long[] {1}, new long[] {2})), Map.of()), qOff), Map.of());

        // Start: p = 1/k, no row done.
        String rows = g.op("Slice", List.of(g.op("Shape", List.of(x), Map.of()), g.longs("zero_at", new long[] {1},
                new long[] {0}), g.longs("one_at", new long[] {1}, new long[] {1})), Map.of());
        double[] uniform = new double[k];
        java.util.Arrays.fill(uniform, 1.0 / k);
        String p0 = g.op("Expand", List.of(g.doubles("uniform", new long[] {1, k}, uniform), g.op("Concat",
                List.of(rows, g.longs("classes", new long[] {1}, new long[] {k})), Map.of("axis", 0L))), Map.of());
        String done0 = g.op("Expand", List.of(bools(g, "not_done", new long[] {1}, new boolean[] {false}), rows),
                Map.of());
        String maxIter = g.longs("max_iter", new long[] {}, new long[] {Math.max(100, k)});
        String go = bools(g, "go", new long[] {}, new boolean[] {true});
        String probabilities = g.fresh("svm_coupled");
        String[] loopOut = {probabilities, g.fresh("svm_done"), g.fresh("svm_q"), g.fresh("svm_q_diag")};
        String prefix = g.fresh("svm_coupling") + "/";
        g.node(NodeProto.newBuilder().setOpType("Loop").setName(g.fresh("svm_coupling_loop"))
                .addAllInput(List.of(maxIter, go, p0, done0, q, qDiag)).addAllOutput(List.of(loopOut))
                .addAttribute(AttributeProto.newBuilder().setName("body").setType(AttributeProto.AttributeType.GRAPH)
                        .setG(couplingRound(prefix, k))).build());
        for (String o : loopOut) {
            g.reserve(o);
        }

        // LibSVM's label order to Tribuo's label ids.
        long[] backwards = new long[k];
        for (int i = 0; i < k; i++) {
            backwards[m.label[i]] = i;
        }
        return Optional.of(g.op("Gather", List.of(probabilities, g.longs("svm_label_order", new long[] {k},
                backwards)), Map.of("axis", 1L)));
    }

    /** LibSVM's {@code k_function} for every row against every support vector, from their dot products. */
    private static String kernel(GraphBuilder g, svm_parameter param, String x, String dot, double[] svSquares) {
        String gamma = g.doubles("svm_gamma", new long[] {1}, new double[] {param.gamma});
        String coef0 = g.doubles("svm_coef0", new long[] {1}, new double[] {param.coef0});
        switch (param.kernel_type) {
            case svm_parameter.LINEAR:
                return dot;
            case svm_parameter.POLY:
                return g.op("Pow", List.of(g.op("Add", List.of(g.op("Mul", List.of(dot, gamma), Map.of()), coef0),
                        Map.of()), g.doubles("svm_degree", new long[] {1}, new double[] {param.degree})), Map.of());
            case svm_parameter.SIGMOID:
                return g.op("Tanh", List.of(g.op("Add", List.of(g.op("Mul", List.of(dot, gamma), Map.of()), coef0),
                        Map.of())), Map.of());
            case svm_parameter.RBF: {
                // |x - v|^2 = |x|^2 + |v|^2 - 2 x.v; never below zero.
                String xSquares = g.op("ReduceSum", List.of(g.op("Mul", List.of(x, x), Map.of()), g.longs("axis1",
                        new long[] {1}, new long[] {1})), Map.of("keepdims", 1L));
                String twice = g.op("Mul", List.of(dot, g.doubles("two", new long[] {1}, new double[] {2})), Map.of());
                String distance = g.op("Max", List.of(g.op("Sub", List.of(g.op("Add", List.of(xSquares,
                        g.doubles("svm_squares", new long[] {1, svSquares.length}, svSquares)), Map.of()), twice),
                        Map.of()), g.doubles("zero", new long[] {1}, new double[] {0})), Map.of());
                return g.op("Exp", List.of(g.op("Neg", List.of(g.op("Mul", List.of(distance, gamma), Map.of())),
                        Map.of())), Map.of());
            }
            default:
                throw new IllegalArgumentException("LibSVM kernel type " + param.kernel_type + " cannot be exported");
        }
    }

    /** LibSVM's {@code sigmoid_predict} of each decision value, clamped to [1e-7, 1 - 1e-7]. */
    private static String clampedSigmoid(GraphBuilder g, String decision, double[] probA, double[] probB, int pairs) {
        String f = g.op("Add", List.of(g.op("Mul", List.of(decision, g.doubles("svm_prob_a", new long[] {pairs},
                java.util.Arrays.copyOf(probA, pairs))), Map.of()), g.doubles("svm_prob_b", new long[] {pairs},
                java.util.Arrays.copyOf(probB, pairs))), Map.of());
        String one = g.doubles("one", new long[] {1}, new double[] {1});
        String zero = g.doubles("zero", new long[] {1}, new double[] {0});
        String e = g.op("Exp", List.of(g.op("Neg", List.of(f), Map.of())), Map.of());
        String whenPositive = g.op("Div", List.of(e, g.op("Add", List.of(one, e), Map.of())), Map.of());
        String whenNegative = g.op("Div", List.of(one, g.op("Add", List.of(one, g.op("Exp", List.of(f), Map.of())),
                Map.of())), Map.of());
        String s = g.op("Where", List.of(g.op("GreaterOrEqual", List.of(f, zero), Map.of()), whenPositive,
                whenNegative), Map.of());
        return g.op("Min", List.of(g.op("Max", List.of(s, g.doubles("min_prob", new long[] {1},
                new double[] {MIN_PROB})), Map.of()), g.doubles("max_prob", new long[] {1},
                new double[] {1 - MIN_PROB})), Map.of());
    }

    /**
     * One round of LibSVM's {@code multiclass_probability}, for every row at once: recompute Qp and pQp, mark the
     * rows whose largest |Qp[t] - pQp| is below 0.005 / k as done, update p class by class as LibSVM does, and keep
     * the done rows' p as it was. Loop-carried: p [N, k], done [N], Q [N, k, k] and its diagonal [N, k] (carried,
     * so that the body reads nothing from the outer graph). Stops when every row is done.
     */
    private static OnnxMl.GraphProto couplingRound(String prefix, int k) {
        GraphBuilder b = new GraphBuilder();
        String iter = prefix + "iter";
        String condIn = prefix + "cond_in";
        String pIn = prefix + "p_in";
        String doneIn = prefix + "done_in";
        String qIn = prefix + "q_in";
        String qDiagIn = prefix + "q_diag_in";
        b.input(GraphBuilder.valueInfo(iter, TensorProto.DataType.INT64));
        b.input(GraphBuilder.valueInfo(condIn, TensorProto.DataType.BOOL));
        b.input(GraphBuilder.valueInfo(pIn, TensorProto.DataType.DOUBLE, -1, k));
        b.input(GraphBuilder.valueInfo(doneIn, TensorProto.DataType.BOOL, -1));
        b.input(GraphBuilder.valueInfo(qIn, TensorProto.DataType.DOUBLE, -1, k, k));
        b.input(GraphBuilder.valueInfo(qDiagIn, TensorProto.DataType.DOUBLE, -1, k));
        String axis1 = b.longs(prefix + "axis1", new long[] {1}, new long[] {1});
        String axis2 = b.longs(prefix + "axis2", new long[] {1}, new long[] {2});
        String one = b.doubles(prefix + "one", new long[] {1}, new double[] {1});
        String two = b.doubles(prefix + "two", new long[] {1}, new double[] {2});

        String qp = b.op("Squeeze", List.of(b.op("MatMul", List.of(qIn, b.op("Unsqueeze", List.of(pIn, axis2),
                Map.of())), Map.of()), axis2), Map.of());
        String pqp = b.op("ReduceSum", List.of(b.op("Mul", List.of(pIn, qp), Map.of()), axis1), Map.of("keepdims", 0L));
        String error = b.op("ReduceMax", List.of(b.op("Abs", List.of(b.op("Sub", List.of(qp, b.op("Unsqueeze",
                List.of(pqp, axis1), Map.of())), Map.of())), Map.of())), Map.of("axes", new long[] {1}, "keepdims", 0L));
        String nowDone = b.op("Or", List.of(doneIn, b.op("Less", List.of(error, b.doubles(prefix + "eps",
                new long[] {1}, new double[] {0.005 / k})), Map.of())), Map.of());

        String p = pIn;
        for (int t = 0; t < k; t++) {
            String at = b.longs(prefix + "t", new long[] {}, new long[] {t});
            String qpT = b.op("Gather", List.of(qp, at), Map.of("axis", 1L));
            String qtt = b.op("Gather", List.of(qDiagIn, at), Map.of("axis", 1L));
            String diff = b.op("Div", List.of(b.op("Sub", List.of(pqp, qpT), Map.of()), qtt), Map.of());
            String diffCol = b.op("Unsqueeze", List.of(diff, axis1), Map.of());
            double[] unit = new double[k];
            unit[t] = 1;
            p = b.op("Add", List.of(p, b.op("Mul", List.of(diffCol, b.doubles(prefix + "unit", new long[] {1, k},
                    unit)), Map.of())), Map.of());
            String onePlus = b.op("Add", List.of(one, diff), Map.of());
            pqp = b.op("Div", List.of(b.op("Div", List.of(b.op("Add", List.of(pqp, b.op("Mul", List.of(diff,
                    b.op("Add", List.of(b.op("Mul", List.of(diff, qtt), Map.of()), b.op("Mul", List.of(two, qpT),
                            Map.of())), Map.of())), Map.of())), Map.of()), onePlus), Map.of()), onePlus), Map.of());
            String onePlusCol = b.op("Unsqueeze", List.of(onePlus, axis1), Map.of());
            String qRow = b.op("Gather", List.of(qIn, at), Map.of("axis", 1L));
            qp = b.op("Div", List.of(b.op("Add", List.of(qp, b.op("Mul", List.of(diffCol, qRow), Map.of())),
                    Map.of()), onePlusCol), Map.of());
            p = b.op("Div", List.of(p, onePlusCol), Map.of());
        }
        String condOut = prefix + "cond_out";
        String pOut = prefix + "p_out";
        String doneOut = prefix + "done_out";
        String qOut = prefix + "q_out";
        String qDiagOut = prefix + "q_diag_out";
        b.opInto("", "Where", List.of(b.op("Unsqueeze", List.of(nowDone, axis1), Map.of()), pIn, p), List.of(pOut),
                Map.of());
        b.opInto("", "Identity", List.of(nowDone), List.of(doneOut), Map.of());
        b.opInto("", "Identity", List.of(qIn), List.of(qOut), Map.of());
        b.opInto("", "Identity", List.of(qDiagIn), List.of(qDiagOut), Map.of());
        String left = b.op("ReduceMax", List.of(b.op("Cast", List.of(b.op("Not", List.of(nowDone), Map.of())),
                Map.of("to", (long) TensorProto.DataType.INT64_VALUE))), Map.of("keepdims", 0L));
        b.opInto("", "Cast", List.of(left), List.of(condOut), Map.of("to", (long) TensorProto.DataType.BOOL_VALUE));
        b.output(condOut, TensorProto.DataType.BOOL);
        b.output(pOut, TensorProto.DataType.DOUBLE, -1, k);
        b.output(doneOut, TensorProto.DataType.BOOL, -1);
        b.output(qOut, TensorProto.DataType.DOUBLE, -1, k, k);
        b.output(qDiagOut, TensorProto.DataType.DOUBLE, -1, k);
        return prefixed(b.build(prefix + "round"), prefix);
    }

    private static String bools(GraphBuilder g, String base, long[] dims, boolean[] values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(g.fresh(base))
                .setDataType(TensorProto.DataType.BOOL_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (boolean v : values) {
            t.addInt32Data(v ? 1 : 0);
        }
        g.initializer(t.build());
        return t.getName();
    }

    /** The graph with every name that does not start with {@code prefix} given it, so none can meet an outer one. */
    private static OnnxMl.GraphProto prefixed(OnnxMl.GraphProto graph, String prefix) {
        OnnxMl.GraphProto.Builder b = graph.toBuilder();
        java.util.function.UnaryOperator<String> name = n -> n.isEmpty() || n.startsWith(prefix) ? n : prefix + n;
        for (int i = 0; i < b.getNodeCount(); i++) {
            NodeProto.Builder node = b.getNodeBuilder(i);
            node.setName(name.apply(node.getName()));
            for (int j = 0; j < node.getInputCount(); j++) {
                node.setInput(j, name.apply(node.getInput(j)));
            }
            for (int j = 0; j < node.getOutputCount(); j++) {
                node.setOutput(j, name.apply(node.getOutput(j)));
            }
        }
        for (int i = 0; i < b.getInitializerCount(); i++) {
            b.getInitializerBuilder(i).setName(name.apply(b.getInitializer(i).getName()));
        }
        for (int i = 0; i < b.getValueInfoCount(); i++) {
            b.getValueInfoBuilder(i).setName(name.apply(b.getValueInfo(i).getName()));
        }
        return b.build();
    }
}
