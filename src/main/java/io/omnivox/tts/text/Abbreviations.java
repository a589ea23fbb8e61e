package io.omnivox.tts.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** English abbreviations and month names with their spoken forms. Case-sensitive: "No." is not "no.". */
final class Abbreviations {

    /** Where an abbreviation stands in a sentence, which decides whether its period can also end one. */
    enum Kind {
        /** Before a name (Mr, Dr): never ends a sentence; "Dr Smith" without the period counts too. */
        TITLE,
        /** Inside a sentence (e.g., vs., No. 5, Jan. 3): never ends one. */
        INLINE,
        /** May end a sentence (etc., Inc., Jr.): its period then does both. */
        FINAL
    }

    /**
     * An abbreviation, written without its final period.
     *
     * @param spoken      what to say
     * @param kind        where it stands in a sentence
     * @param dotOptional whether the bare word, with no period, is expanded as well (vs)
     */
    record Abbreviation(String spoken, Kind kind, boolean dotOptional) {

        boolean title() {
            return kind == Kind.TITLE;
        }
    }

    /** Full month names; abbreviations with a period are in {@link #TABLE}. */
    static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December");

    private static final Map<String, Abbreviation> TABLE = new LinkedHashMap<>();

    static {
        title("Mr", "Mister");
        title("Mrs", "Missus");
        title("Ms", "Miz");
        title("Dr", "Doctor");
        title("Prof", "Professor");
        title("Capt", "Captain");
        title("Gen", "General");
        title("Gov", "Governor");
        title("Sen", "Senator");
        title("Rev", "Reverend");
        title("Sgt", "Sergeant");
        title("Lt", "Lieutenant");
        title("Col", "Colonel");
        title("Mt", "Mount");
        // "St" is Saint before a name and Street after one; TextNormalizer decides from the words around it.
        title("St", "Saint");
        sentenceEnd("Jr", "Junior");
        sentenceEnd("Sr", "Senior");
        sentenceEnd("Ave", "Avenue");
        sentenceEnd("Rd", "Road");
        sentenceEnd("Blvd", "Boulevard");
        sentenceEnd("etc", "et cetera");
        sentenceEnd("Dept", "Department");
        sentenceEnd("Inc", "Incorporated");
        sentenceEnd("Ltd", "Limited");
        sentenceEnd("Corp", "Corporation");
        sentenceEnd("Co", "Company");
        sentenceEnd("a.m", "a m");
        sentenceEnd("p.m", "p m");
        inline("e.g", "for example");
        inline("i.e", "that is");
        inline("approx", "approximately");
        inline("Fig", "Figure");
        TABLE.put("vs", new Abbreviation("versus", Kind.INLINE, true));
        // "No." is "number" only before a number (No. 5); the normaliser checks what follows.
        inline("No", "number");
        String[] shortMonths = {"Jan", "Feb", "Mar", "Apr", null, "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int i = 0; i < shortMonths.length; i++) {
            if (shortMonths[i] != null) {
                inline(shortMonths[i], MONTHS.get(i));
            }
        }
        inline("Sept", "September");
    }

    /** Every written form, longest first, for a regex alternation. */
    static final String ALTERNATION = Units.alternation(TABLE.keySet().stream().toList());

    private Abbreviations() {
    }

    static Optional<Abbreviation> lookup(String written) {
        return Optional.ofNullable(TABLE.get(written));
    }

    /** The month for a name or its abbreviation ({@code Sept}, {@code Jan}), 1 to 12; 0 if it is none. */
    static int month(String name) {
        for (int i = 0; i < MONTHS.size(); i++) {
            String month = MONTHS.get(i);
            if (month.equals(name) || (name.length() >= 3 && month.startsWith(name))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static void title(String written, String spoken) {
        TABLE.put(written, new Abbreviation(spoken, Kind.TITLE, false));
    }

    private static void inline(String written, String spoken) {
        TABLE.put(written, new Abbreviation(spoken, Kind.INLINE, false));
    }

    private static void sentenceEnd(String written, String spoken) {
        TABLE.put(written, new Abbreviation(spoken, Kind.FINAL, false));
    }
}
