"""Writes mlp20.onnx, the model of the serving benchmarks. Run with /usr/bin/python3 (python3-onnx, numpy).

A credit-sized classifier: 20 float inputs f0..f19 of shape [N,1], concatenated, one hidden layer of 32 ReLU
units, softmax over 2 classes; outputs `label` (int64 [N]) and `probabilities` (float [N,2]). Seeded weights.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(42)
inputs = ["f%d" % i for i in range(20)]
init = [
    numpy_helper.from_array(rng.normal(0, 0.3, (20, 32)).astype(np.float32), "W1"),
    numpy_helper.from_array(rng.normal(0, 0.1, (32,)).astype(np.float32), "B1"),
    numpy_helper.from_array(rng.normal(0, 0.3, (32, 2)).astype(np.float32), "W2"),
    numpy_helper.from_array(rng.normal(0, 0.1, (2,)).astype(np.float32), "B2"),
]
nodes = [
    helper.make_node("Concat", inputs, ["X"], axis=1),
    helper.make_node("MatMul", ["X", "W1"], ["H0"]),
    helper.make_node("Add", ["H0", "B1"], ["H1"]),
    helper.make_node("Relu", ["H1"], ["H"]),
    helper.make_node("MatMul", ["H", "W2"], ["Z0"]),
    helper.make_node("Add", ["Z0", "B2"], ["Z"]),
    helper.make_node("Softmax", ["Z"], ["probabilities"], axis=1),
    helper.make_node("ArgMax", ["probabilities"], ["label"], axis=1, keepdims=0),
]
graph = helper.make_graph(
    nodes, "mlp20",
    [helper.make_tensor_value_info(n, TensorProto.FLOAT, ["N", 1]) for n in inputs],
    [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
     helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 2])], init)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="mlops-benchmarks")
model.ir_version = 8
onnx.checker.check_model(model, full_check=True)
onnx.save(model, os.path.join(HERE, "mlp20.onnx"))
print("wrote mlp20.onnx")

# The same network with DOUBLE inputs (as exported graphs declare numeric inputs since issue 13.1): each input is
# cast to float in front of the unchanged nodes, so the two models differ only in what the server feeds them.
casts = [helper.make_node("Cast", [n], [n + "_f"], to=TensorProto.FLOAT) for n in inputs]
double_nodes = []
for node in nodes:
    copy = onnx.NodeProto()
    copy.CopyFrom(node)
    for k, name in enumerate(copy.input):
        if name in inputs:
            copy.input[k] = name + "_f"
    double_nodes.append(copy)
graph = helper.make_graph(
    casts + double_nodes, "mlp20",
    [helper.make_tensor_value_info(n, TensorProto.DOUBLE, ["N", 1]) for n in inputs],
    [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
     helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 2])], init)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="mlops-benchmarks")
model.ir_version = 8
onnx.checker.check_model(model, full_check=True)
onnx.save(model, os.path.join(HERE, "mlp20-double.onnx"))
print("wrote mlp20-double.onnx")
