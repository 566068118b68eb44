"""Writes the small ONNX models the mlops-serve tests load. Run with /usr/bin/python3 (python3-onnx, numpy).

mlops-serve must not depend on Tribuo, so its test models are built here by hand with onnx.helper; the outputs
are committed and the tests never run Python. Each model passes onnx.checker.check_model.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPSETS = [helper.make_opsetid("", 13)]
ML_OPSETS = [helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 2)]


def save(model, name):
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, os.path.join(HERE, name))
    print("wrote", name)


def logreg():
    """p(good) = sigmoid(1.5*x1 - 2*x2 + 0.25); label = argmax([1-p, p]) (0 = bad, 1 = good)."""
    w = numpy_helper.from_array(np.array([[1.5], [-2.0]], dtype=np.float32), "W")
    b = numpy_helper.from_array(np.array([0.25], dtype=np.float32), "B")
    one = numpy_helper.from_array(np.array([1.0], dtype=np.float32), "One")
    nodes = [
        helper.make_node("Concat", ["x1", "x2"], ["X"], axis=1),
        helper.make_node("MatMul", ["X", "W"], ["XW"]),
        helper.make_node("Add", ["XW", "B"], ["Z"]),
        helper.make_node("Sigmoid", ["Z"], ["P1"]),
        helper.make_node("Sub", ["One", "P1"], ["P0"]),
        helper.make_node("Concat", ["P0", "P1"], ["probabilities"], axis=1),
        helper.make_node("ArgMax", ["probabilities"], ["label"], axis=1, keepdims=0),
    ]
    graph = helper.make_graph(
        nodes, "logreg",
        [helper.make_tensor_value_info("x1", TensorProto.FLOAT, ["N", 1]),
         helper.make_tensor_value_info("x2", TensorProto.FLOAT, ["N", 1])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 2])],
        [w, b, one])
    save(helper.make_model(graph, opset_imports=OPSETS, producer_name="mlops-serve-tests"), "logreg.onnx")


def categorical():
    """score = x + code(color), code: red 0.5, green -1, blue 2, anything else -3 (ai.onnx.ml LabelEncoder)."""
    nodes = [
        helper.make_node("LabelEncoder", ["color"], ["code"], domain="ai.onnx.ml",
                         keys_strings=["red", "green", "blue"], values_floats=[0.5, -1.0, 2.0], default_float=-3.0),
        helper.make_node("Add", ["x", "code"], ["score"]),
    ]
    graph = helper.make_graph(
        nodes, "categorical",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 1]),
         helper.make_tensor_value_info("color", TensorProto.STRING, ["N", 1])],
        [helper.make_tensor_value_info("score", TensorProto.FLOAT, ["N", 1])], [])
    save(helper.make_model(graph, opset_imports=ML_OPSETS, producer_name="mlops-serve-tests"), "categorical.onnx")


def slow(layers=40, width=512):
    """y = x through a chain of 40 [N,512]x[512,512] products: the chain keeps the value (W is 1/512 everywhere), seconds for a few thousand rows, for timeout tests.

    Many small nodes rather than one big one, because ONNX Runtime checks RunOptions.setTerminate between nodes.
    """
    shape = numpy_helper.from_array(np.array([width, width], dtype=np.int64), "Shape")
    ones = numpy_helper.from_array(np.ones((1, width), dtype=np.float32), "Ones")
    nodes = [
        helper.make_node("ConstantOfShape", ["Shape"], ["W"],
                         value=helper.make_tensor("v", TensorProto.FLOAT, [1], [1.0 / width])),
        helper.make_node("MatMul", ["x", "Ones"], ["H0"]),
    ]
    for i in range(layers):
        nodes.append(helper.make_node("MatMul", ["H%d" % i, "W"], ["H%d" % (i + 1)]))
    nodes.append(helper.make_node("ReduceMean", ["H%d" % layers], ["y"], axes=[1], keepdims=1))
    graph = helper.make_graph(
        nodes, "slow",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 1])], [shape, ones])
    save(helper.make_model(graph, opset_imports=OPSETS, producer_name="mlops-serve-tests"), "slow.onnx")


def doubles():
    """y = x1 + x2 * 2 and d = x1 (Identity), all in double: shows that DOUBLE inputs reach the graph unrounded."""
    two = numpy_helper.from_array(np.array([2.0], dtype=np.float64), "Two")
    nodes = [
        helper.make_node("Mul", ["x2", "Two"], ["X2"]),
        helper.make_node("Add", ["x1", "X2"], ["y"]),
        helper.make_node("Identity", ["x1"], ["d"]),
    ]
    graph = helper.make_graph(
        nodes, "doubles",
        [helper.make_tensor_value_info("x1", TensorProto.DOUBLE, ["N", 1]),
         helper.make_tensor_value_info("x2", TensorProto.DOUBLE, ["N", 1])],
        [helper.make_tensor_value_info("y", TensorProto.DOUBLE, ["N", 1]),
         helper.make_tensor_value_info("d", TensorProto.DOUBLE, ["N", 1])], [two])
    save(helper.make_model(graph, opset_imports=OPSETS, producer_name="mlops-serve-tests"), "doubles.onnx")


if __name__ == "__main__":
    doubles()
    logreg()
    categorical()
    slow()
