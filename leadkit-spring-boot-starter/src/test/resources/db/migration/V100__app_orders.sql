-- The test application's own migration, in Spring Boot's default location. It borrows leadkit's
-- prefix placeholder only so that test runs sharing one database do not collide.
CREATE TABLE ${leadkit_prefix}app_orders (id VARCHAR(40) PRIMARY KEY, lead_email VARCHAR(320));
