package dev.jlance.bench.data;

/**
 * Word lists the text columns are made of. Lists are in rough order of real-world frequency, so a
 * {@link Zipf} over a list draws realistic mixes (many "the", few "glacier").
 */
final class Words {

    private Words() {
    }

    /** Common English words, most frequent first. */
    static final String[] ENGLISH = split("""
            the of and to a in is that for it as was with be by on not he this are or his from at which
            but have an they you were her she there been one all we their has would when if so no will
            more can its out up who them about some into only than other time then could these two may
            first any like my now over such our man me even most made after also did many before must
            through back years where much your way well down should because each just those people how
            too little state good very make world still own see men work long get here between both life
            being under never day same another know while last might us great old year off come since
            against go came right used take three states himself few house use during without again place
            around however home small found thought went say part once general high upon school every
            don does got united left number course war until always away something fact though water less
            public put think almost hand enough far took head yet government system better set told nothing
            night end why called didn't eyes find going look asked later knew point next city business give
            group toward young let room president side social given present several order national second
            possible rather per face among form important often things looked early white case john
            become large big need four within felt along children saw best church ever least power
            development light thing seemed family interest want members mind country area others done
            turned although open god service problem certain kind different thus began door help sense
            whole matter perhaps itself york times law human line above name example action company hands
            local show whether five history gave today either act feet across taken past quite anything
            having seen death experience body word half really week field car words already themselves
            information tell together college shall money period held keep sure free real seems behind
            cannot political air question making office brought whose special heard major problems ago
            became federal moment study available known result street economic boy position reason change
            south board individual job areas society west close turn love community true court force full
            seem am policy age voice center wife whom woman private control common necessary value
            following front fire sometimes market data report systems network server request user
            error timeout cache query response latency storage memory disk upload download payment
            account invoice shipment warehouse customer product review rating glacier harbor lantern
            meadow orchard quartz saffron tundra velvet willow zephyr""");

    static final String[] FIRST_NAMES = split("""
            James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard
            Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty
            Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua
            Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa Timothy Deborah Ronald
            Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy
            Nicholas Angela Eric Shirley Jonathan Anna Stephen Brenda Larry Pamela Justin Emma Scott
            Nicole Brandon Helen Benjamin Samantha Samuel Katherine Gregory Christine Alexander Debra
            Frank Rachel Patrick Carolyn Raymond Janet Jack Catherine Dennis Maria Jerry Heather Tyler
            Diane Aaron Ruth Jose Julie Adam Olivia Nathan Joyce Henry Virginia Douglas Victoria Zachary
            Kelly Peter Lauren Kyle Christina Ethan Joan Walter Evelyn Noah Judith Jeremy Megan Christian
            Andrea Keith Cheryl Roger Hannah Terry Jacqueline Gerald Martha Harold Gloria Sean Teresa
            Austin Ann Carl Sara Arthur Madison Lawrence Frances Dylan Kathryn Jesse Janice Jordan Jean
            Bryan Abigail Billy Alice Joe Judy Bruce Sophia Gabriel Grace Logan Denise Albert Amber Willie
            Doris Alan Marilyn Juan Danielle Wayne Beverly Elijah Isabella Randy Theresa Roy Diana Vincent
            Natalie Ralph Brittany Eugene Charlotte Russell Marie Bobby Kayla Mason Alexis Philip Lori
            Wei Li Hiroshi Yuki Priya Arjun Mohammed Fatima Olga Sergei Lars Ingrid Pierre Amelie Giulia
            Matteo Sofia Mateo Lucia Chen Jin Ana Joao Ahmed Aisha Kwame Amara Zoe Noor Hamza Leila""");

    static final String[] LAST_NAMES = split("""
            Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
            Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
            Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
            Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips
            Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers
            Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson
            Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders
            Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler
            Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton
            Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina
            Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington
            Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter
            Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black
            Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson
            Mueller Schneider Fischer Weber Becker Rossi Russo Ferrari Dubois Moreau Laurent Tanaka Suzuki
            Watanabe Ito Yamamoto Wang Zhang Liu Yang Huang Singh Kumar Sharma Ivanov Petrov Novak Kowalski
            Nielsen Hansen Johansson Larsen Okafor Mensah Haddad Nasser Cohen Levi OBrien Walsh Byrne""");

    static final String[] EMAIL_DOMAINS = {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com",
        "aol.com", "proton.me", "gmx.de", "mail.ru", "qq.com", "web.de", "comcast.net", "live.com", "me.com",
        "example.org", "acme-corp.com", "university.edu", "fastmail.com", "yandex.ru", "orange.fr"};

    static final String[] EVENT_CATEGORIES = {"page_view", "click", "search", "add_to_cart", "scroll",
        "login", "impression", "video_play", "remove_from_cart", "checkout_start", "purchase", "logout",
        "signup", "share", "review_submitted", "password_reset", "wishlist_add", "coupon_applied",
        "subscription_cancel", "account_delete"};

    /** ISO country codes, roughly by share of web traffic. */
    static final String[] COUNTRIES = split("""
            US IN CN BR GB DE JP FR RU CA ID MX IT ES KR TR AU NL PL VN PH TH AR SE CO EG PK NG UA BE
            CH SA MY ZA IR AT CL PT CZ DK RO IL NO FI IE GR NZ HU SG HK TW PE VE BD KZ DZ MA KE BG RS""");

    static final String[] HOSTS = {"www.example-shop.com", "api.example-shop.com", "m.example-shop.com",
        "cdn.example-static.net", "blog.example-shop.com", "help.example-shop.com", "shop.partner-one.io",
        "checkout.example-shop.com", "img.example-static.net", "accounts.example-shop.com", "news.example.org",
        "docs.example.dev", "status.example-shop.com", "de.example-shop.com", "fr.example-shop.com",
        "jp.example-shop.com", "search.example-shop.com", "ads.tracker-network.com", "video.example-media.tv",
        "forum.example-community.org"};

    static final String[] PATH_WORDS = split("""
            products category search cart checkout account orders item details reviews api v1 v2 users
            images static assets help article blog post tags settings profile wishlist deals sale new
            electronics books home garden fashion toys sports outdoor kitchen audio laptops phones cameras""");

    static final String[] QUERY_KEYS = {"utm_source", "utm_medium", "utm_campaign", "page", "sort", "q", "ref",
        "lang", "session", "color", "size", "limit", "offset"};

    static final String[] QUERY_VALUES = split("""
            google newsletter facebook partner bing twitter email cpc organic price_asc price_desc newest
            popular en de fr ja red blue black white small medium large spring_sale black_friday retarget""");

    static final String[] ORDER_STATUSES = {"active", "pending", "inactive", "suspended", "closed", "deleted",
        "verification_required"};

    static final String[] TAGS = split("""
            urgent billing shipping returns feedback bug feature question account mobile web android ios
            premium trial enterprise refund vip beta internal partner""");

    private static String[] split(String text) {
        return text.strip().split("\\s+");
    }
}
