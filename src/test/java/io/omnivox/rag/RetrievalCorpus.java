package io.omnivox.rag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import io.omnivox.document.ParsedDocument;

/**
 * A generated, reproducible retrieval test set: short fact sheets about fictional products (each with its own
 * category, maker, city and catalogue code) and questions whose answer is in exactly one sheet. Half the questions
 * are worded in plain language, half ask by catalogue code, the case keyword search is for.
 */
public final class RetrievalCorpus {

    private static final String[] CATEGORIES = {"kettle", "telescope", "bicycle", "sewing machine", "violin", "drone",
        "espresso machine", "snowboard", "aquarium", "lawn mower", "typewriter", "microscope", "kayak", "harp",
        "metronome", "barometer", "hammock", "lantern", "pressure cooker", "sailboat", "tent", "chess clock",
        "compass", "weather vane", "beehive", "loom", "accordion", "dehumidifier", "treadmill", "rice cooker",
        "skateboard", "harmonica", "sundial", "wheelbarrow", "toaster", "fountain pen", "hourglass", "kiln",
        "smoke detector", "baby monitor", "air purifier", "projector", "doorbell", "thermostat", "bread maker",
        "waffle iron", "surfboard", "trumpet", "easel", "anvil", "greenhouse", "fishing rod", "sleeping bag",
        "snow blower", "hot air balloon", "pottery wheel", "ice cream maker", "electric scooter", "canoe",
        "grandfather clock"};
    private static final String[] CITIES = {"Lisbon", "Oslo", "Nairobi", "Lima", "Osaka", "Tbilisi", "Quebec",
        "Hobart", "Valparaiso", "Tallinn", "Marrakesh", "Reykjavik", "Hanoi", "Cork", "Bergen", "Porto", "Krakow",
        "Adelaide", "Mombasa", "Cusco", "Sapporo", "Yerevan", "Halifax", "Dunedin", "Cartagena", "Riga", "Fez",
        "Akureyri", "Hue", "Galway", "Tromso", "Braga", "Gdansk", "Perth", "Zanzibar", "Arequipa", "Kyoto",
        "Batumi", "Winnipeg", "Nelson", "Medellin", "Vilnius", "Essaouira", "Husavik", "Da Nang", "Limerick",
        "Stavanger", "Coimbra", "Wroclaw", "Darwin", "Kisumu", "Trujillo", "Nara", "Kutaisi", "Regina", "Napier",
        "Bogota", "Kaunas", "Agadir", "Selfoss"};
    private static final String[] QUIRKS = {"whistles softly when ready", "folds flat for travel",
        "glows blue at night", "runs on a hand crank", "has a walnut handle", "ships with a spare belt",
        "survives a fall from a table", "is painted in ochre enamel", "needs no batteries", "hums a low note"};
    private static final String[] FIRST = {"Zor", "Quil", "Bram", "Vex", "Tam", "Lum", "Kes", "Orv", "Pim", "Dra"};
    private static final String[] SECOND = {"vane", "dor", "brix", "ulon", "ista", "ek", "maro", "quin", "ett", "oly"};
    private static final String[] MAKER_A = {"Brightwater", "Ironleaf", "Hollow Pine", "Silverfen", "Copperfield",
        "Northwind", "Stonebridge", "Amberlight"};
    private static final String[] MAKER_B = {"Works", "Labs", "Guild", "Foundry", "Studio", "Company", "Atelier",
        "Collective"};

    /** One fact sheet. */
    public record Product(String id, String name, String category, String maker, String city, String code,
            int grams, int euros, String quirk) {

        /** The sheet as a one-page document. */
        public ParsedDocument document() {
            String text = String.format(Locale.ROOT, "The %s is a %s designed by %s in %s. Its catalogue code is %s. "
                    + "It weighs %d grams and sells for %d euros. Owners say it %s.",
                    name, category, maker, city, code, grams, euros, quirk);
            return new ParsedDocument(name + " " + category, "txt",
                    List.of(new ParsedDocument.Page(1, text, ParsedDocument.Source.TEXT_LAYER, 0)));
        }
    }

    /** A question and the product sheet that answers it. */
    public record Question(String text, String answerId, boolean byCode) {
    }

    private final List<Product> products = new ArrayList<>();
    private final List<Question> questions = new ArrayList<>();

    /** {@code size} products (at most 60) and questions about the first {@code 2 * perKind}. */
    public RetrievalCorpus(int size, int perKind, long seed) {
        Random random = new Random(seed);
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < size; i++) {
            String code;
            do {
                code = String.format(Locale.ROOT, "%c%c-%04d-%c", (char) ('A' + random.nextInt(26)),
                        (char) ('A' + random.nextInt(26)), random.nextInt(10000), (char) ('A' + random.nextInt(26)));
            } while (!codes.add(code));
            products.add(new Product("p" + i, FIRST[i % 10] + SECOND[(i / 10 + i) % 10], CATEGORIES[i],
                    MAKER_A[i % MAKER_A.length] + " " + MAKER_B[(i / MAKER_A.length) % MAKER_B.length], CITIES[i], code,
                    100 + random.nextInt(9000), 10 + random.nextInt(990), QUIRKS[random.nextInt(QUIRKS.length)]));
        }
        for (int i = 0; i < perKind; i++) {
            Product p = products.get(i);
            questions.add(new Question("Who designs the " + p.category() + ", and in which city?", p.id(), false));
        }
        for (int i = perKind; i < 2 * perKind; i++) {
            Product p = products.get(i);
            questions.add(new Question("What is the product with catalogue code " + p.code() + "?", p.id(), true));
        }
    }

    public List<Product> products() {
        return products;
    }

    public List<Question> questions() {
        return questions;
    }
}
