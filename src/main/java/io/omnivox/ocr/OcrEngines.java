package io.omnivox.ocr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.omnivox.model.EngineReporter;
import io.omnivox.model.EngineStatus;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.LazyModel;
import io.omnivox.model.registry.ModelCatalog;
import io.omnivox.ocr.got.GotOcrRecognizer;

/**
 * Picks the OCR engine: GOT-OCR-2.0 on ONNX when its exported files are present, else PP-OCRv4 on ONNX when
 * configured, else Tesseract from Debian (or the one configuration forces); reports it in health.
 */
@ApplicationScoped
public class OcrEngines implements EngineReporter {

    private static final Logger LOG = Logger.getLogger(OcrEngines.class);
    private static final String DETECTOR = "ch_PP-OCRv4_det_infer.onnx";
    /** Registry name of the GOT-OCR-2.0 export. */
    static final String GOT_MODEL = "got-ocr2";

    private final OcrConfig config;
    private final OnnxSessionFactory onnx;
    private final TesseractRecognizer tesseract;
    private final LazyModel<GotOcrRecognizer> got;
    private volatile PpOcrRecognizer ppocr;
    private volatile String ppocrFailure;

    public OcrEngines(OcrConfig config, OnnxSessionFactory onnx, ModelCatalog models) {
        this.config = config;
        this.onnx = onnx;
        this.got = new LazyModel<>(models, GOT_MODEL,
                dir -> GotOcrRecognizer.open(dir, onnx, GotOcrRecognizer.Settings.DEFAULT));
        this.tesseract = new TesseractRecognizer(config.tesseractBinary(), Duration.ofSeconds(config.timeoutSeconds()));
    }

    /** The engine to use now, if any. */
    public Optional<TextRecognizer> current() {
        return switch (config.engine()) {
            case GOT -> got.get().map(e -> e);
            case PPOCR -> ppocr().map(e -> e);
            case TESSERACT -> tesseract();
            case AUTO -> got.get().<TextRecognizer>map(e -> e).or(() -> ppocr().map(e -> e)).or(this::tesseract);
        };
    }

    public String unavailableReason() {
        return ppocrReason() + "; Tesseract not installed at " + config.tesseractBinary()
                + " (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim)";
    }

    @Override
    public List<EngineStatus> engines() {
        return List.of(current()
                .map(e -> e instanceof GotOcrRecognizer ? new EngineStatus("ocr", e.engine(), "ready", "")
                        : new EngineStatus("ocr", e.engine(), "fallback", got.reason() + "; " + ppocrReason()))
                .orElseGet(() -> new EngineStatus("ocr", "none", "weights missing", unavailableReason())));
    }

    private Optional<TextRecognizer> tesseract() {
        return TesseractRecognizer.available(config.tesseractBinary()) ? Optional.of(tesseract) : Optional.empty();
    }

    private synchronized Optional<PpOcrRecognizer> ppocr() {
        if (ppocr != null || ppocrFailure != null) {
            return Optional.ofNullable(ppocr);
        }
        Optional<Path> dir = config.ppocrDir().filter(d -> Files.isRegularFile(d.resolve(DETECTOR)));
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        try {
            ppocr = new PpOcrRecognizer(onnx, dir.get());
            LOG.infof("Text recognition: PP-OCRv4 from %s", dir.get());
        } catch (RuntimeException e) {
            ppocrFailure = e.getMessage();
            LOG.warnf("PP-OCRv4 files present in %s but not usable: %s", dir.get(), ppocrFailure);
        }
        return Optional.ofNullable(ppocr);
    }

    private String ppocrReason() {
        return ppocrFailure != null ? "PP-OCRv4 failed to load: " + ppocrFailure
                : "PP-OCRv4 files not configured (omnivox.ocr.ppocr-dir)";
    }
}
