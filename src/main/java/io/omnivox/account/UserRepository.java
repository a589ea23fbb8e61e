package io.omnivox.account;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Users by id and name. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    public Optional<User> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The admin created first: the one a configured bootstrap key belongs to. */
    public Optional<User> firstAdmin() {
        return find("role = ?1 order by createdAt, id", Role.ADMIN).firstResultOptional();
    }
}
