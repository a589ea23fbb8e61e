package io.omnivox.asr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.omnivox.model.ModelException;

/** A {@code tokens.txt} vocabulary: one {@code piece id} per line, as sherpa-onnx exports SentencePiece models. */
public final class TokenTable {

    /** SentencePiece's word-start mark. */
    public static final String WORD_START = "\u2581";

    private final String[] pieces;
    private final Map<String, Integer> ids;

    private TokenTable(String[] pieces) {
        this.pieces = pieces;
        this.ids = new HashMap<>();
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i] != null) {
                ids.putIfAbsent(pieces[i], i);
            }
        }
    }

    /** Reads {@code tokens.txt}; fails naming the file and line on a malformed entry. */
    public static TokenTable load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException("Cannot read token table " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, file.toString());
    }

    static TokenTable parse(List<String> lines, String source) {
        Map<Integer, String> byId = new HashMap<>();
        int max = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                int id = Integer.parseInt(line.substring(space + 1).strip());
                byId.put(id, space < 0 ? "" : line.substring(0, space));
                max = Math.max(max, id);
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new ModelException(source + ":" + (i + 1) + ": expected 'piece id', got '" + line + "'");
            }
        }
        String[] pieces = new String[max + 1];
        byId.forEach((id, piece) -> pieces[id] = piece);
        return new TokenTable(pieces);
    }

    public int size() {
        return pieces.length;
    }

    /** The piece for {@code id}; fails for ids outside the table. */
    public String piece(int id) {
        if (id < 0 || id >= pieces.length || pieces[id] == null) {
            throw new ModelException("Token id " + id + " is not in the token table (size " + pieces.length + ")");
        }
        return pieces[id];
    }

    public OptionalInt id(String piece) {
        Integer id = ids.get(piece);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
