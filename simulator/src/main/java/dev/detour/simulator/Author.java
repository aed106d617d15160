package dev.detour.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An author of a simulated record: a person with plausible names, or a group under its collective name. */
sealed interface Author {

    String COLLECTIVE = "Detour Simulated Evidence Consortium";
    String AFFILIATION = "Simulated Research Institute, Detour evidence simulator.";

    List<String> SURNAMES = List.of("Rivera", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Haddad", "Novak", "Castillo",
            "Brennan", "Iyer", "Fischer", "Mensah", "Kowalski", "Ortega", "Nakamura", "Abbott", "Sato", "Duarte",
            "Petrov", "Achebe");
    List<String> FORENAMES = List.of("Maria", "Chidi", "Astrid", "Kenji", "Claire", "Omar", "Petra", "Luis", "Siobhan",
            "Anand", "Jonas", "Ama", "Marek", "Elena", "Yuki", "Grace", "Hiro", "Rafael", "Irina", "Ngozi");

    /** How PubMed's summaries and Europe PMC write the name, such as {@code Rivera M} or {@code Novak P Jr}. */
    String shortName();

    /** How OpenAlex writes the name, such as {@code Maria Rivera}. */
    String displayName();

    /** A person. */
    record Person(String lastName, String foreName, Optional<String> suffix, Optional<String> affiliation) implements Author {

        String initials() {
            return foreName.substring(0, 1);
        }

        @Override
        public String shortName() {
            return lastName + " " + initials() + suffix.map(value -> " " + value).orElse("");
        }

        @Override
        public String displayName() {
            return foreName + " " + lastName + suffix.map(value -> " " + value).orElse("");
        }
    }

    /** A group named as one author. */
    record Collective(String name) implements Author {

        @Override
        public String shortName() {
            return name;
        }

        @Override
        public String displayName() {
            return name;
        }
    }

    /** The authors of the {@code index}-th record of a topic: three to five people, the group last on every third record. */
    static List<Author> of(Topic topic, int index, int salt) {
        int people = 3 + topic.pick(index, salt, 3);
        List<Author> authors = new ArrayList<>();
        for (int n = 0; n < people; n++) {
            int name = topic.pick(index, salt + 1 + n, SURNAMES.size());
            authors.add(new Person(SURNAMES.get(name), FORENAMES.get((name + n * 7) % FORENAMES.size()),
                    n == 1 && index % 4 == 1 ? Optional.of("Jr") : Optional.empty(),
                    n == 0 ? Optional.of(AFFILIATION) : Optional.empty()));
        }
        if (index % 3 == 2) {
            authors.add(new Collective(COLLECTIVE));
        }
        return List.copyOf(authors);
    }
}
