"""An independent Open Inference Protocol gRPC client (Debian's python3-grpcio) for the endpoint's tests.

Usage: grpc_client.py PROTO_DIR OUT_DIR TARGET
Generates the Python stubs from the vendored proto into OUT_DIR, calls ServerLive, ModelMetadata and ModelInfer
(typed and raw contents) on TARGET (loopback only) and prints one JSON object with what came back.
"""
import json
import os
import struct
import sys

from grpc_tools import protoc

proto_dir, out_dir, target = sys.argv[1], sys.argv[2], sys.argv[3]
host = target.rsplit(":", 1)[0]
if host not in ("127.0.0.1", "localhost"):
    sys.exit("refusing to connect to " + target + ": loopback only")
rc = protoc.main(["protoc", "-I" + proto_dir, "--python_out=" + out_dir, "--grpc_python_out=" + out_dir,
                  os.path.join(proto_dir, "open_inference_grpc.proto")])
if rc != 0:
    sys.exit("protoc failed: %d" % rc)
sys.path.insert(0, out_dir)

import grpc  # noqa: E402
import open_inference_grpc_pb2 as pb  # noqa: E402
import open_inference_grpc_pb2_grpc as pb_grpc  # noqa: E402

with grpc.insecure_channel(target) as channel:
    stub = pb_grpc.GRPCInferenceServiceStub(channel)
    live = stub.ServerLive(pb.ServerLiveRequest(), timeout=30).live
    meta = stub.ModelMetadata(pb.ModelMetadataRequest(name="logreg"), timeout=30)
    request = pb.ModelInferRequest(model_name="logreg", id="py-1")
    for name, value in (("x1", 0.5), ("x2", -0.25)):
        t = request.inputs.add(name=name, datatype="FP32", shape=[1, 1])
        t.contents.fp32_contents.append(value)
    typed = stub.ModelInfer(request, timeout=30)
    raw_request = pb.ModelInferRequest(model_name="logreg", id="py-2")
    for name, value in (("x1", 0.5), ("x2", -0.25)):
        raw_request.inputs.add(name=name, datatype="FP32", shape=[1, 1])
        raw_request.raw_input_contents.append(struct.pack("<f", value))
    raw = stub.ModelInfer(raw_request, timeout=30)
    try:
        stub.ModelInfer(pb.ModelInferRequest(model_name="nope"), timeout=30)
        error = None
    except grpc.RpcError as e:
        error = [e.code().name, e.details()]
    print(json.dumps({
        "live": live,
        "platform": meta.platform,
        "typed_id": typed.id,
        "typed_label": list(typed.outputs[0].contents.int64_contents),
        "typed_probabilities": list(typed.outputs[1].contents.fp32_contents),
        "raw_label": list(struct.unpack("<q", raw.raw_output_contents[0])),
        "raw_probabilities": list(struct.unpack("<2f", raw.raw_output_contents[1])),
        "error": error,
    }))
