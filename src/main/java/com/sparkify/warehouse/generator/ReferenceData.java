package com.sparkify.warehouse.generator;

import java.util.List;

/**
 * Fixed lists the generator draws from: user metro areas, browser user agents, artist home
 * places and person names, all in the style of the real Sparkify data.
 */
final class ReferenceData {

    private ReferenceData() {
    }

    /** An artist home place of the Million Song Dataset; coordinates in units of 1e-5 degrees. */
    record Place(String location, long latitudeUnits, long longitudeUnits) {

        static Place at(String location, double latitude, double longitude) {
            return new Place(location, Math.round(latitude * 100_000), Math.round(longitude * 100_000));
        }
    }

    /** A user's metro area (Census CBSA names, as eventsim writes them) with a relative weight. */
    record Metro(String name, int weight) {
    }

    /** Artist places with coordinates, written as artist_location plus latitude and longitude. */
    static final List<Place> PLACES_WITH_COORDINATES = List.of(
            Place.at("London, England", 51.50632, -0.12714),
            Place.at("Los Angeles, CA", 34.05349, -118.24532),
            Place.at("New York, NY", 40.71455, -74.00712),
            Place.at("Chicago, IL", 41.88415, -87.63241),
            Place.at("California - LA", 34.05349, -118.24532),
            Place.at("NY - New York City", 40.71455, -74.00712),
            Place.at("Detroit, MI", 42.33168, -83.04792),
            Place.at("Brooklyn, NY", 40.65507, -73.94888),
            Place.at("Philadelphia, PA", 39.95227, -75.16237),
            Place.at("Boston, MA", 42.35936, -71.05977),
            Place.at("Nashville, TN.", 36.16778, -86.77836),
            Place.at("Atlanta, GA", 33.74831, -84.39111),
            Place.at("Seattle, WA", 47.60356, -122.32944),
            Place.at("Austin, TX", 30.26759, -97.74299),
            Place.at("Toronto, Ontario, Canada", 43.64856, -79.38533),
            Place.at("Paris, France", 48.85692, 2.34121),
            Place.at("Berlin, Germany", 52.51607, 13.37698),
            Place.at("Stockholm, Sweden", 59.33217, 18.06243),
            Place.at("Kingston, Jamaica", 17.99702, -76.79319),
            Place.at("Houston, TX", 29.76045, -95.36978),
            Place.at("Minneapolis, MN", 44.97903, -93.26493),
            Place.at("Glasgow, Scotland", 55.85762, -4.24258),
            Place.at("Dublin, Ireland", 53.34376, -6.24953),
            Place.at("Manchester, England", 53.47719, -2.23505),
            Place.at("Sydney, Australia", -33.86963, 151.20695),
            Place.at("Rio de Janeiro, Brazil", -22.97673, -43.19508),
            Place.at("Mexico City, Mexico", 19.43194, -99.13315),
            Place.at("New Orleans, LA", 29.95369, -90.07771),
            Place.at("Memphis, TN", 35.14968, -90.04892),
            Place.at("California - SF", 37.77916, -122.42005),
            Place.at("San Francisco, CA", 37.77916, -122.42005),
            Place.at("Miami, FL", 25.72898, -80.23741),
            Place.at("Denver, CO", 39.74001, -104.99226),
            Place.at("Portland, OR", 45.51179, -122.67563),
            Place.at("Oakland, CA", 37.80506, -122.27302),
            Place.at("Tokyo, Japan", 35.68954, 139.69171),
            Place.at("Reykjavik, Iceland", 64.1356, -21.89541),
            Place.at("Oslo, Norway", 59.91228, 10.74998),
            Place.at("Helsinki, Finland", 60.17116, 24.93258),
            Place.at("Madrid, Spain", 40.41696, -3.70035),
            Place.at("São Paulo, Brazil", -23.56288, -46.6542),
            Place.at("Köln, Germany", 50.94168, 6.95517),
            Place.at("Montréal, Québec, Canada", 45.51228, -73.55439),
            Place.at("Bogotá, Colombia", 4.59805, -74.07603),
            Place.at("Denmark", 56.27609, 9.51695),
            Place.at("Utah", 39.49974, -111.54732),
            Place.at("Texas", 31.1689, -100.07715),
            Place.at("Jamaica", 18.11526, -77.27348),
            Place.at("Sweden", 60.12816, 18.6435),
            Place.at("Gainesville, FL", 29.65163, -82.32483));

    /** Free-text artist locations that the dataset could not geocode (latitude and longitude null). */
    static final List<String> PLACES_WITHOUT_COORDINATES = List.of(
            "California", "UK", "Pennsylvania", "Hamtramck, MI", "Zagreb Croatia", "Orlando, FL",
            "Long Island, NY", "Bronx, NY", "Compton, CA", "Southern California", "Bay Area, CA", "NJ",
            "England", "Ohio", "Queens, NY", "Hollywood", "Midwest", "Louisville/Lexington, KY",
            "Ft. Lauderdale, FL", "Bristol, England", "Lagos, Nigeria", "Dakar, Senegal");

    static final List<Metro> METROS = List.of(
            new Metro("New York-Newark-Jersey City, NY-NJ-PA", 10),
            new Metro("Los Angeles-Long Beach-Anaheim, CA", 6),
            new Metro("Chicago-Naperville-Elgin, IL-IN-WI", 5),
            new Metro("Dallas-Fort Worth-Arlington, TX", 4),
            new Metro("Houston-The Woodlands-Sugar Land, TX", 4),
            new Metro("Washington-Arlington-Alexandria, DC-VA-MD-WV", 4),
            new Metro("Miami-Fort Lauderdale-West Palm Beach, FL", 4),
            new Metro("Philadelphia-Camden-Wilmington, PA-NJ-DE-MD", 4),
            new Metro("Atlanta-Sandy Springs-Roswell, GA", 4),
            new Metro("Boston-Cambridge-Newton, MA-NH", 3),
            new Metro("Phoenix-Mesa-Scottsdale, AZ", 3),
            new Metro("San Francisco-Oakland-Hayward, CA", 3),
            new Metro("Riverside-San Bernardino-Ontario, CA", 3),
            new Metro("Detroit-Warren-Dearborn, MI", 3),
            new Metro("Seattle-Tacoma-Bellevue, WA", 3),
            new Metro("Minneapolis-St. Paul-Bloomington, MN-WI", 2),
            new Metro("San Diego-Carlsbad, CA", 2),
            new Metro("Tampa-St. Petersburg-Clearwater, FL", 2),
            new Metro("Denver-Aurora-Lakewood, CO", 2),
            new Metro("St. Louis, MO-IL", 2),
            new Metro("Baltimore-Columbia-Towson, MD", 2),
            new Metro("Charlotte-Concord-Gastonia, NC-SC", 2),
            new Metro("Portland-Vancouver-Hillsboro, OR-WA", 2),
            new Metro("San Antonio-New Braunfels, TX", 2),
            new Metro("Orlando-Kissimmee-Sanford, FL", 2),
            new Metro("Sacramento--Roseville--Arden-Arcade, CA", 2),
            new Metro("Pittsburgh, PA", 1),
            new Metro("Las Vegas-Henderson-Paradise, NV", 1),
            new Metro("Austin-Round Rock, TX", 1),
            new Metro("Cincinnati, OH-KY-IN", 1),
            new Metro("Kansas City, MO-KS", 1),
            new Metro("Columbus, OH", 1),
            new Metro("Indianapolis-Carmel-Anderson, IN", 1),
            new Metro("Cleveland-Elyria, OH", 1),
            new Metro("San Jose-Sunnyvale-Santa Clara, CA", 1),
            new Metro("Nashville-Davidson--Murfreesboro--Franklin, TN", 1),
            new Metro("Virginia Beach-Norfolk-Newport News, VA-NC", 1),
            new Metro("Providence-Warwick, RI-MA", 1),
            new Metro("Milwaukee-Waukesha-West Allis, WI", 1),
            new Metro("Jacksonville, FL", 1),
            new Metro("Memphis, TN-MS-AR", 1),
            new Metro("Oklahoma City, OK", 1),
            new Metro("Louisville/Jefferson County, KY-IN", 1),
            new Metro("Raleigh, NC", 1),
            new Metro("New Orleans-Metairie, LA", 1),
            new Metro("Salt Lake City, UT", 1),
            new Metro("Birmingham-Hoover, AL", 1),
            new Metro("Buffalo-Cheektowaga-Niagara Falls, NY", 1),
            new Metro("Tucson, AZ", 1),
            new Metro("Lubbock, TX", 1),
            new Metro("Salinas, CA", 1),
            new Metro("Columbia, SC", 1),
            new Metro("Cedar Rapids, IA", 1),
            new Metro("La Crosse-Onalaska, WI-MN", 1),
            new Metro("Waterloo-Cedar Falls, IA", 1),
            new Metro("Harrisburg-Carlisle, PA", 1),
            new Metro("Portland-South Portland, ME", 1),
            new Metro("Albany-Schenectady-Troy, NY", 1),
            new Metro("Tulsa, OK", 1),
            new Metro("Fresno, CA", 1),
            new Metro("Omaha-Council Bluffs, NE-IA", 1),
            new Metro("Bakersfield, CA", 1),
            new Metro("Spokane-Spokane Valley, WA", 1),
            new Metro("Des Moines-West Des Moines, IA", 1),
            new Metro("Anchorage, AK", 1),
            new Metro("Elkhart-Goshen, IN", 1),
            new Metro("Santa Maria-Santa Barbara, CA", 1),
            new Metro("Red Bluff, CA", 1),
            new Metro("Winston-Salem, NC", 1),
            new Metro("Augusta-Richmond County, GA-SC", 1),
            new Metro("Myrtle Beach-Conway-North Myrtle Beach, SC-NC", 1),
            new Metro("Lansing-East Lansing, MI", 1),
            new Metro("Atlantic City-Hammonton, NJ", 1));

    /**
     * Browser user agents of 2014, the vintage eventsim ships with. As in the real logs, the
     * ones containing a comma are written wrapped in double quotes (see {@link #quoteIfNeeded}).
     */
    static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.77.4 (KHTML, like Gecko) Version/7.0.5 Safari/537.77.4",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.78.2 (KHTML, like Gecko) Version/7.0.6 Safari/537.78.2",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36",
            "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.125 Safari/537.36",
            "Mozilla/5.0 (Windows NT 6.3; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.125 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.9; rv:31.0) Gecko/20100101 Firefox/31.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_1 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D201 Safari/9537.53",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53",
            "Mozilla/5.0 (Windows NT 6.3; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.125 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/36.0.1985.125 Chrome/36.0.1985.125 Safari/537.36",
            "Mozilla/5.0 (Windows NT 5.1; rv:31.0) Gecko/20100101 Firefox/31.0",
            "Mozilla/5.0 (Windows NT 6.1; rv:31.0) Gecko/20100101 Firefox/31.0",
            "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:32.0) Gecko/20100101 Firefox/32.0",
            "Mozilla/5.0 (Windows NT 5.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36",
            "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.102 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.94 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_8_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.125 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10) AppleWebKit/538.46 (KHTML, like Gecko) Version/8.0 Safari/538.46",
            "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; WOW64; Trident/6.0)",
            "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
            "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)",
            "Mozilla/5.0 (iPad; CPU OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:31.0) Gecko/20100101 Firefox/31.0");

    static final List<String> FEMALE_FIRST_NAMES = List.of(
            "Kaylee", "Sylvie", "Stefany", "Marina", "Makinley", "Lily", "Kynnedi", "Tegan", "Aleena",
            "Jacqueline", "Chloe", "Ava", "Emily", "Madison", "Olivia", "Sophia", "Isabella", "Mia",
            "Abigail", "Harper", "Layla", "Zoe", "Natalie", "Hannah", "Brooklyn", "Savannah", "Aubrey",
            "Claire", "Stella", "Violet", "Riley", "Nora", "Lucy", "Anna", "Samantha", "Leah", "Ellie",
            "Paisley", "Kinsley", "Piper", "Ruby", "Jayla", "Katherine", "Kennedy", "Maya", "Morgan",
            "Alexis", "Jordyn", "Payton", "Adelyn", "Cecilia", "Wren", "Lacey", "Rylee", "Kate", "Molly",
            "Jada", "Tess", "Aurora", "Elena", "Gianna", "Mckenna", "Delaney", "Josie", "Brianna");

    static final List<String> MALE_FIRST_NAMES = List.of(
            "Walter", "Ryan", "Jayden", "Kevin", "Aiden", "Mohammad", "Jacob", "Noah", "Liam", "Mason",
            "Ethan", "Michael", "Alexander", "James", "Daniel", "Elijah", "Benjamin", "Logan", "Matthew",
            "Lucas", "Jackson", "David", "Oliver", "Joseph", "Samuel", "Henry", "Owen", "Sebastian",
            "Gabriel", "Carter", "Wyatt", "Jack", "Luke", "Isaac", "Grayson", "Levi", "Julian", "Lincoln",
            "Hunter", "Connor", "Dylan", "Landon", "Caleb", "Colin", "Evan", "Parker", "Cooper", "Brayden",
            "Tristan", "Austin", "Xavier", "Theodore", "Emanuel", "Cole", "Tucker", "Bryson", "Damian",
            "Jeremiah", "Harrison", "Miles", "Axel", "Dustin", "Spencer", "Reid", "Kaleb");

    static final List<String> LAST_NAMES = List.of(
            "Frye", "Summers", "Cruz", "Smith", "Fox", "White", "Arellano", "Sutton", "Hess", "Jones",
            "Koch", "Sanchez", "Levine", "Kirby", "Rodriguez", "Johnson", "Williams", "Brown", "Miller",
            "Davis", "Garcia", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
            "Lee", "Perez", "Thompson", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen",
            "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson",
            "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips",
            "Evans", "Turner", "Diaz", "Parker", "Edwards", "Collins", "Reyes", "Stewart", "Morris",
            "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson",
            "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson",
            "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price",
            "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez",
            "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson",
            "Barnes", "Gonzales", "Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson",
            "Alexander", "Hamilton", "Graham", "Reynolds", "Griffin", "Wallace", "Moreno", "West", "Cole",
            "Hayes", "Bryant", "Herrera", "Gibson", "Ellis", "Tran", "Medina", "Aguilar", "Stevens",
            "Murray", "Ford", "Castro", "Marshall", "Owens", "Harrison", "Fernandez", "Mcdonald", "Woods",
            "Washington", "Kennedy", "Wells", "Vargas", "Henry", "Chen", "Freeman", "Webb", "Tucker",
            "Guzman", "Burns", "Crawford", "Olson", "Simpson", "Porter", "Hunter", "Gordon", "Mendez",
            "Silva", "Shaw", "Snyder", "Mason", "Dixon", "Munoz", "Hunt", "Hicks", "Holmes", "Palmer");

    /**
     * Returns the user agent as eventsim logged it: agents containing a comma are wrapped in
     * double quotes (a CSV-style quoting leak that the real data keeps), the others are bare.
     */
    static String quoteIfNeeded(String userAgent) {
        return userAgent.indexOf(',') >= 0 ? "\"" + userAgent + "\"" : userAgent;
    }
}
