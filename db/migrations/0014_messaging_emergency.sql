-- Reserved for messaging emergency; replaced by its tables when they land.
SELECT 1;
