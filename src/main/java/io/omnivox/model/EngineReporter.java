package io.omnivox.model;

import java.util.List;

/**
 * Implemented by every capability's engine producer (ASR, OCR, TTS, ...) so readiness lists which engine each
 * capability runs on. Beans of this type are collected by the readiness check.
 */
public interface EngineReporter {

    List<EngineStatus> engines();
}
